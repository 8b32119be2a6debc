package org.smimegateway.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/** WebAdmin routes for certificates, anchors, intermediates, CRLs and the keystore cache (webadmin/README.md). */
public final class KeystoreRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/certificates";

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        // Defined by the operator-surface work (issue #14).
    }
}
