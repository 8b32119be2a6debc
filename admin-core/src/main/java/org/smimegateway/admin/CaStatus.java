package org.smimegateway.admin;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CA looks like now, without unlocking it.
 *
 * @param exists        whether a CA was created
 * @param root          the root certificate, when it exists
 * @param intermediate  the issuing intermediate, when it exists
 * @param crlNumber     the CRL number of the intermediate's CRL in the gateway store, if one is there
 * @param crlNextUpdate its next update
 * @param revokedCount  serial numbers revoked so far
 */
public record CaStatus(boolean exists, Optional<X509Certificate> root, Optional<X509Certificate> intermediate,
                       Optional<BigInteger> crlNumber, Optional<Instant> crlNextUpdate, int revokedCount) {
    public CaStatus {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(intermediate, "intermediate");
        Objects.requireNonNull(crlNumber, "crlNumber");
        Objects.requireNonNull(crlNextUpdate, "crlNextUpdate");
    }

    public static CaStatus none() {
        return new CaStatus(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }
}
