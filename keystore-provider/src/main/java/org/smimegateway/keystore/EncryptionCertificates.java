package org.smimegateway.keystore;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificates a recipient can be encrypted for, best first, and the ones looked at and refused, with why.
 */
public record EncryptionCertificates(List<X509Certificate> usable, List<Rejection> rejected) {
    public EncryptionCertificates {
        usable = List.copyOf(usable);
        rejected = List.copyOf(rejected);
    }

    public boolean isUsable() {
        return !usable.isEmpty();
    }

    /** A certificate that was found for the address but may not be used, and the reason. */
    public record Rejection(X509Certificate certificate, String reason) {
        public Rejection {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
