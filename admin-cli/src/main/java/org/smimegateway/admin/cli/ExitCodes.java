package org.smimegateway.admin.cli;

/** Exit codes: 0 done, 1 failed or partly failed, 2 wrong usage (picocli's own). */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILED = 1;

    private ExitCodes() {
    }
}
