package org.smimegateway.admin;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The key types the CA generates, with the signature algorithm that goes with each. RSA 2048 is the default because
 * every S/MIME client still in use reads it; P-384 signs with SHA-384 because a 192-bit curve deserves a hash of the
 * same strength (RFC 5480).
 */
public enum KeyAlgorithm {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("RSA", 4096, null, "SHA256withRSA"),
    EC_P256("EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 384, "secp384r1", "SHA384withECDSA");

    public static final KeyAlgorithm DEFAULT = RSA_2048;

    private final String family;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyAlgorithm(String family, int bits, String curve, String signatureAlgorithm) {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return "RSA".equals(family);
    }

    /** Generates a fresh key pair with the JDK's own providers (no name lookups involved). */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
            if (isRsa()) {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), CryptoProvider.random());
            } else {
                generator.initialize(new ECGenParameterSpec(curve), CryptoProvider.random());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }

    /** The signature algorithm for a CA that holds a key of the given JCA algorithm name ("RSA" or "EC"). */
    public static String signatureAlgorithmFor(java.security.PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA_2048.signatureAlgorithm;
            case "EC", "ECDSA" -> {
                int fieldSize = ((java.security.interfaces.ECKey) key).getParams().getCurve().getField().getFieldSize();
                yield fieldSize > 256 ? EC_P384.signatureAlgorithm : EC_P256.signatureAlgorithm;
            }
            default -> throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm());
        };
    }
}
