package org.smimegateway.keystore.trust;

import java.time.Instant;

/** The revocation status of one certificate according to the CRLs of its issuer. */
sealed interface RevocationStatus {

    /** A current CRL from the issuer does not list the certificate; true until {@code nextUpdate}. */
    record Good(Instant nextUpdate) implements RevocationStatus {
    }

    /** A current CRL lists the certificate. */
    record Revoked(String reason) implements RevocationStatus {
    }

    /** No current, correctly signed CRL could be found. */
    record Unknown(String reason) implements RevocationStatus {
    }
}
