package org.smimegateway.smime;

import java.util.Locale;

/**
 * How an RSA key signs: PKCS#1 v1.5 (every client verifies it) or RSASSA-PSS. EC keys always sign with ECDSA.
 */
public enum SignatureScheme {
    RSA_PKCS1,
    RSA_PSS;

    public static SignatureScheme parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of RSA_PKCS1, RSA_PSS");
        }
    }

    String jcaName(DigestAlgorithm digest, String keyAlgorithm) {
        if (keyAlgorithm.equals("EC")) {
            return digest.jcaPrefix() + "withECDSA";
        }
        return this == RSA_PSS ? digest.jcaPrefix() + "withRSAandMGF1" : digest.jcaPrefix() + "withRSA";
    }
}
