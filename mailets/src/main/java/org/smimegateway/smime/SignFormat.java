package org.smimegateway.smime;

import java.util.Locale;

/** Clear-signed {@code multipart/signed} (readable without S/MIME) or opaque {@code signed-data}. */
public enum SignFormat {
    CLEAR,
    OPAQUE;

    public static SignFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of CLEAR, OPAQUE");
        }
    }
}
