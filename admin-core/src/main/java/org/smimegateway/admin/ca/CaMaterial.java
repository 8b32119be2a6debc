package org.smimegateway.admin.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Both CA keys and certificates, as created or as unlocked from the store. */
public record CaMaterial(PrivateKey rootKey, X509Certificate root, PrivateKey intermediateKey,
                         X509Certificate intermediate) {
    public CaMaterial {
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(intermediateKey, "intermediateKey");
        Objects.requireNonNull(intermediate, "intermediate");
    }

    /** The key and certificate that sign end-user certificates and their CRL. */
    public Signer issuing() {
        return new Signer(intermediateKey, intermediate, List.of(intermediate, root));
    }

    /** The key and certificate that sign the intermediate's CRL (the root CRL). */
    public Signer rootSigner() {
        return new Signer(rootKey, root, List.of(root));
    }

    @Override
    public String toString() {
        // Never print key material.
        return "CaMaterial[root=" + root.getSubjectX500Principal().getName() + ", intermediate="
            + intermediate.getSubjectX500Principal().getName() + "]";
    }

    /**
     * A signing key with its certificate and the chain from that certificate up to the root.
     */
    public record Signer(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
        public Signer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(certificate, "certificate");
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "Signer[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }
}
