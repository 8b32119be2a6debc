package org.smimegateway.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/** WebAdmin routes for the built-in CA: issue, revoke, publish CRLs (webadmin/README.md). */
public final class CaRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/ca";

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        // Defined by the operator-surface work (issue #14).
    }
}
