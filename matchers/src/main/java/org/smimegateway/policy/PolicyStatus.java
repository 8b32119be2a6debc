package org.smimegateway.policy;

import java.time.Instant;
import java.util.Objects;

/** The state of a reloading policy file: in step with the file, or keeping the last good policy. */
public sealed interface PolicyStatus permits PolicyStatus.Current, PolicyStatus.KeptLastGood {

    /** When the policy in use was loaded. */
    Instant loadedAt();

    /** The policy in use is what the file says now. */
    record Current(Instant loadedAt) implements PolicyStatus {
        public Current {
            Objects.requireNonNull(loadedAt, "loadedAt");
        }
    }

    /** The file changed but cannot be used; {@code error} names the line or element. */
    record KeptLastGood(Instant loadedAt, String error) implements PolicyStatus {
        public KeptLastGood {
            Objects.requireNonNull(loadedAt, "loadedAt");
            Objects.requireNonNull(error, "error");
        }
    }
}
