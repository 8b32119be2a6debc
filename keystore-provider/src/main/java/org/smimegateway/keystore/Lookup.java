package org.smimegateway.keystore;

import java.util.Objects;

/**
 * The answer of a keystore source to a question about one address or key. A missing answer and a source that could
 * not be asked are different facts: mail that must be encrypted is held when the directory is down, but may go the
 * "no certificate" route when the directory answered that it has none.
 *
 * @param <T> what was asked for
 */
public sealed interface Lookup<T> permits Lookup.Found, Lookup.NotFound, Lookup.Unavailable {

    /** The source has an answer. */
    record Found<T>(T value) implements Lookup<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The source was asked and has nothing usable; {@code reason} says why (for the decision trace). */
    record NotFound<T>(String reason) implements Lookup<T> {
        public NotFound {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The source could not be asked (directory down, time-out); the caller must retry or hold, never downgrade. */
    record Unavailable<T>(String reason) implements Lookup<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Lookup<T> found(T value) {
        return new Found<>(value);
    }

    static <T> Lookup<T> notFound(String reason) {
        return new NotFound<>(reason);
    }

    static <T> Lookup<T> unavailable(String reason) {
        return new Unavailable<>(reason);
    }
}
