package org.smimegateway.admin.pkcs12;

import java.security.SecureRandom;
import org.smimegateway.admin.CryptoProvider;

/**
 * Random passwords meant to be read from a phone and typed: letters and digits without the look-alikes
 * (0/O, 1/l/I), in groups of four. Twenty characters from this 56-symbol alphabet carry about 116 bits.
 */
public final class PasswordGenerator {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    public static final int DEFAULT_LENGTH = 20;

    private final SecureRandom random;

    public PasswordGenerator() {
        this(CryptoProvider.random());
    }

    PasswordGenerator(SecureRandom random) {
        this.random = random;
    }

    public char[] generate() {
        return generate(DEFAULT_LENGTH);
    }

    public char[] generate(int length) {
        if (length < 12) {
            throw new IllegalArgumentException("generated passwords have at least 12 characters, asked for " + length);
        }
        int groups = (length + 3) / 4;
        char[] password = new char[length + groups - 1];
        int position = 0;
        for (int i = 0; i < length; i++) {
            if (i > 0 && i % 4 == 0) {
                password[position++] = '-';
            }
            password[position++] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }
}
