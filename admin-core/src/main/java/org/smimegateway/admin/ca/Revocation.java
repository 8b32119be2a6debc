package org.smimegateway.admin.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One revoked serial number of the intermediate, when and why. */
public record Revocation(BigInteger serialNumber, Instant revokedAt, RevocationReason reason) {
    public Revocation {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
