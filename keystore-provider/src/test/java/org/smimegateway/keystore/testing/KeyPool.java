package org.smimegateway.keystore.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Key pairs for test certificates. RSA key generation costs 50-150 ms per key, so end-entity RSA keys are pooled per
 * JVM: each PKI family draws keys in order from the shared pool and only extends it when it runs past the end, so
 * keys are distinct within one family yet reused across test classes. CA keys are always fresh, so CAs of different
 * PKIs never share a key, a key identifier or a signature.
 */
final class KeyPool {
    private static final List<KeyPair> RSA = new ArrayList<>();

    private final AtomicInteger cursor = new AtomicInteger();

    /** A never-pooled RSA key for a CA. */
    KeyPair freshCaKey() {
        return generate("RSA", 2048);
    }

    KeyPair next(KeyType type) {
        return switch (type) {
            case RSA_2048 -> rsa(cursor.getAndIncrement());
            case EC_P256 -> ec();
        };
    }

    private static KeyPair rsa(int index) {
        synchronized (RSA) {
            while (RSA.size() <= index) {
                RSA.add(generate("RSA", 2048));
            }
            return RSA.get(index);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }
}
