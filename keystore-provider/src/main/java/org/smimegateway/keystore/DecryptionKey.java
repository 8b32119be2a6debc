package org.smimegateway.keystore;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key the gateway holds for one of its users, with the certificate it was published in. Old keys stay so
 * that old mail still decrypts.
 */
public record DecryptionKey(PrivateKey privateKey, X509Certificate certificate) {
    public DecryptionKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String toString() {
        return "DecryptionKey[subject=" + certificate.getSubjectX500Principal().getName()
            + ", serial=" + certificate.getSerialNumber().toString(16) + "]";
    }
}
