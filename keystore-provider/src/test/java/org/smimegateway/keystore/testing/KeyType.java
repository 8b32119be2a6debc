package org.smimegateway.keystore.testing;

/** Key algorithms {@link TestPki} can issue certificates for. */
public enum KeyType {
    /** RSA 2048 (keys are pooled per JVM because generating them is slow). */
    RSA_2048,
    /** ECDSA/ECDH on NIST P-256 (secp256r1). */
    EC_P256
}
