package org.smimegateway.keystore.trust;

import java.time.Duration;
import java.util.Objects;

/**
 * How revocation is checked. CRLs from local files and the directory are always used; CRL distribution points
 * named in certificates are fetched only when {@code fetchDistributionPoints} is set, so a gateway in a closed network
 * never reaches out.
 *
 * @param failMode                what happens when no current CRL can be found for a certificate's issuer
 * @param fetchDistributionPoints whether to download CRLs from http(s)/ldap distribution points
 * @param fetchTimeout            connect and read time-out for such downloads
 */
public record RevocationPolicy(FailMode failMode, boolean fetchDistributionPoints, Duration fetchTimeout) {

    /** Soft fail, no downloads, 10 s time-out. */
    public static final RevocationPolicy DEFAULT = new RevocationPolicy(FailMode.SOFT, false, Duration.ofSeconds(10));

    public RevocationPolicy {
        Objects.requireNonNull(failMode, "failMode");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("fetchTimeout must be positive");
        }
    }

    /** What an unknown revocation status means. */
    public enum FailMode {
        /** Unknown status is accepted (logged); only a CRL that lists the certificate rejects it. */
        SOFT,
        /** Unknown status rejects the certificate with {@link TrustVerdict.Unknown}. */
        HARD
    }
}
