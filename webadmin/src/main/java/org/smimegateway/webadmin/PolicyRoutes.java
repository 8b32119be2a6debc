package org.smimegateway.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/** WebAdmin routes for the policy: effective settings for an address, validation of a candidate file, status of the loaded file (webadmin/README.md). */
public final class PolicyRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/policy";

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        // Defined by the operator-surface work (issue #14).
    }
}
