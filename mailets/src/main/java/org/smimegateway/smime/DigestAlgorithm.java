package org.smimegateway.smime;

import java.util.Locale;

/** Digest for signatures; SHA-256 by default. The micalg names are those of RFC 8551 3.5.3.2. */
public enum DigestAlgorithm {
    SHA256("SHA256", "sha-256"),
    SHA384("SHA384", "sha-384"),
    SHA512("SHA512", "sha-512");

    private final String jcaPrefix;
    private final String micalg;

    DigestAlgorithm(String jcaPrefix, String micalg) {
        this.jcaPrefix = jcaPrefix;
        this.micalg = micalg;
    }

    String jcaPrefix() {
        return jcaPrefix;
    }

    public String micalg() {
        return micalg;
    }

    /** Parses {@code SHA256}, {@code SHA-256}, {@code sha-384} ...; the message lists the accepted names. */
    public static DigestAlgorithm parse(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (DigestAlgorithm value : values()) {
            if (value.name().equals(normalized)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of SHA256, SHA384, SHA512");
    }
}
