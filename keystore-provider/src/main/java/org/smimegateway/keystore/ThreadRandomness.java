package org.smimegateway.keystore;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.bouncycastle.crypto.CryptoServicesRegistrar;

/**
 * One SecureRandom per thread: a 256-bit Hash_DRBG seeded once from the system's entropy. Every {@code new
 * SecureRandom()} on Linux is a NativePRNG, and all NativePRNG instances share one static reader and one static
 * SHA1PRNG mixer behind locks, so spooler threads that each pad ten RSA key transports and draw a content key
 * queued on each other (JFR showed SecureRandom monitors as the one contended lock in 10 KB encryption on two
 * threads). A DRBG instance owned by one thread is never contended.
 */
public final class ThreadRandomness {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ThreadRandomness::newDrbg);

    private ThreadRandomness() {
    }

    /** This thread's generator; do not hand it to another thread. */
    public static SecureRandom current() {
        return RANDOM.get();
    }

    /**
     * Makes our relocated Bouncy Castle draw its default randomness (content keys, IVs, PKCS#1 padding when no
     * SecureRandom is passed) from {@link #current()}. Only our copy of Bouncy Castle sees this, never James's.
     */
    static void installInBouncyCastle() {
        CryptoServicesRegistrar.setSecureRandomProvider(ThreadRandomness::current);
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no 256-bit DRBG", e);
        }
    }
}
