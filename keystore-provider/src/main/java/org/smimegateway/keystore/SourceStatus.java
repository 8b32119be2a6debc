package org.smimegateway.keystore;

import java.util.Objects;

/**
 * Whether one configured source of a keystore answers now: a file directory that can be read, a directory server that
 * answers a search. {@code detail} says what was checked or why it failed; never a password.
 */
public record SourceStatus(String name, boolean reachable, String detail) {
    public SourceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    public static SourceStatus reachable(String name, String detail) {
        return new SourceStatus(name, true, detail);
    }

    public static SourceStatus unreachable(String name, String detail) {
        return new SourceStatus(name, false, detail);
    }
}
