package org.smimegateway.admin;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance of the admin tool. It is handed to every {@code Jca*} builder and never
 * registered with {@link java.security.Security}: inside James another Bouncy Castle (1.70) may own the name "BC",
 * and a name lookup would silently pick it.
 */
public final class CryptoProvider {

    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoProvider() {
    }

    public static Provider bouncyCastle() {
        return PROVIDER;
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
