package org.smimegateway.keystore.store;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key held by a store, its certificate, the chain that came with it, and where it came from (for logs).
 *
 * @param privateKey  the key
 * @param certificate the certificate of the key
 * @param chain       issuers of {@code certificate} as stored with the key, nearest first; may be empty
 * @param origin      a human-readable origin such as a file name; never secret
 */
public record KeyEntry(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain,
                       String origin) {
    public KeyEntry {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "KeyEntry[" + certificate.getSubjectX500Principal().getName() + ", serial="
            + certificate.getSerialNumber().toString(16) + ", origin=" + origin + "]";
    }
}
