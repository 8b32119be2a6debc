package org.smimegateway.keystore;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key able to sign for an address, its certificate and the chain above it.
 *
 * @param privateKey  the signing key
 * @param certificate the end-entity certificate of {@code privateKey}
 * @param chain       issuers of {@code certificate}, nearest first; may end with the trust anchor
 */
public record SigningIdentity(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    public SigningIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        // Never print key material.
        return "SigningIdentity[subject=" + certificate.getSubjectX500Principal().getName()
            + ", serial=" + certificate.getSerialNumber().toString(16) + "]";
    }
}
