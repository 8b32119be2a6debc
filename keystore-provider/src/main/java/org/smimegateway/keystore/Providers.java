package org.smimegateway.keystore;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this library uses. It is never registered with {@code Security}: James
 * registers its own, older Bouncy Castle under the name "BC", and our copy is relocated in the drop-in jar, so every
 * JCA call that needs Bouncy Castle is handed this instance instead of a provider name.
 */
public final class Providers {
    /** Our Bouncy Castle, for explicit use only. */
    public static final Provider BC = new BouncyCastleProvider();

    static {
        // Before any of our Bouncy Castle code draws a key, IV or padding: per-thread randomness, no shared lock.
        ThreadRandomness.installInBouncyCastle();
    }

    private Providers() {
    }
}
