package org.smimegateway.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/** WebAdmin routes for held and quarantined mail: list, release through the pipeline, delete (webadmin/README.md). */
public final class MailRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/mail";

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        // Defined by the operator-surface work (issue #14).
    }
}
