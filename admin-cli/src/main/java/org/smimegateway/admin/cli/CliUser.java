package org.smimegateway.admin.cli;

/** Who runs the command line, for the audit trail: the operating system's user name. */
final class CliUser {
    private CliUser() {
    }

    static String name() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "cli" : "cli:" + user;
    }
}
