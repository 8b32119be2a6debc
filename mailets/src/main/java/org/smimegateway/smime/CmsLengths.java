package org.smimegateway.smime;

import java.util.Locale;

/**
 * How the envelopes we write frame their lengths. {@link #DEFINITE} (the default) is DER framing that every reader
 * accepts, DER-only parsers such as pyca/cryptography included; it needs the plaintext length before encrypting, so
 * the entity is read twice (one counting pass, no copy): 3 to 5 % more CPU when encrypting 1 to 25 MB
 * (benchmarks/README.md, "Definite-length output"). {@link #INDEFINITE} is Bouncy Castle's BER stream framing in
 * one pass, read by OpenSSL, NSS, gpgsm and Outlook/Thunderbird but refused by DER-only parsers.
 */
public enum CmsLengths {
    DEFINITE,
    INDEFINITE;

    /** Parses {@code definite} or {@code indefinite} (any case); anything else is refused with the accepted words. */
    public static CmsLengths parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not definite or indefinite");
        }
    }
}
