package org.smimegateway.policy;

import java.nio.file.Path;

/**
 * Turns the policy location written in {@code mailetcontainer.xml} into a file path the way operators expect from
 * James: absolute paths as they are, relative paths against James's working directory (system property
 * {@code working.directory}, else the current directory), and a {@code file://} prefix stripped first, so
 * {@code file://conf/smime-policy.xml} is {@code conf/smime-policy.xml} under James's home.
 */
public final class PolicyLocation {
    static final String WORKING_DIRECTORY = "working.directory";
    private static final String FILE_PREFIX = "file://";

    private PolicyLocation() {
    }

    /** @throws IllegalArgumentException for an empty location or one with another URL scheme */
    public static Path resolve(String location) {
        String trimmed = location == null ? "" : location.trim();
        if (trimmed.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            trimmed = trimmed.substring(FILE_PREFIX.length());
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the policy location is empty");
        }
        if (trimmed.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !trimmed.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new IllegalArgumentException("'" + location + "' is not a file path; use an absolute path, a path"
                + " relative to James's working directory, or file://");
        }
        Path path = Path.of(trimmed);
        if (!path.isAbsolute()) {
            path = Path.of(System.getProperty(WORKING_DIRECTORY, System.getProperty("user.dir"))).resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }
}
