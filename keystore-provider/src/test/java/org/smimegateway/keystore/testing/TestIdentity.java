package org.smimegateway.keystore.testing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.SigningIdentity;

/**
 * A generated key pair with its certificate and the issuing chain, as produced by {@link TestPki}.
 *
 * @param keyPair     the key pair (private key included)
 * @param certificate the certificate of {@code keyPair}'s public key
 * @param chain       the issuers of {@code certificate}, nearest first, ending with the root (empty for a root)
 */
public record TestIdentity(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chain) {
    public TestIdentity {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    /** The private key. */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** {@link #certificate()} followed by {@link #chain()}: what a PKCS#12 or a SignedData would carry. */
    public List<X509Certificate> certificateAndChain() {
        List<X509Certificate> all = new ArrayList<>(chain.size() + 1);
        all.add(certificate);
        all.addAll(chain);
        return List.copyOf(all);
    }

    /** The top of the chain (the certificate itself for a root). */
    public X509Certificate root() {
        return chain.isEmpty() ? certificate : chain.get(chain.size() - 1);
    }

    /** This identity as the SPI's signing identity. */
    public SigningIdentity asSigningIdentity() {
        return new SigningIdentity(privateKey(), certificate, chain);
    }

    /** This identity as the SPI's decryption key. */
    public DecryptionKey asDecryptionKey() {
        return new DecryptionKey(privateKey(), certificate);
    }

    @Override
    public String toString() {
        return "TestIdentity[" + certificate.getSubjectX500Principal().getName() + ", serial="
            + certificate.getSerialNumber().toString(16) + "]";
    }
}
