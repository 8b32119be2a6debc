package org.smimegateway.policy;

import java.util.Objects;

/** A setting's value for one address and the rule it came from. */
public record Resolved<T>(T value, Source source) {
    public Resolved {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return value + " (" + source + ")";
    }
}
