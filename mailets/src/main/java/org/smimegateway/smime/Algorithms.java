package org.smimegateway.smime;

import java.util.Map;
import java.util.Set;

/** Names for content-encryption OIDs, and which of them are legacy. */
final class Algorithms {
    private static final Map<String, String> NAMES = Map.of(
        "2.16.840.1.101.3.4.1.2", "AES128_CBC",
        "2.16.840.1.101.3.4.1.22", "AES192_CBC",
        "2.16.840.1.101.3.4.1.42", "AES256_CBC",
        "2.16.840.1.101.3.4.1.6", "AES128_GCM",
        "2.16.840.1.101.3.4.1.26", "AES192_GCM",
        "2.16.840.1.101.3.4.1.46", "AES256_GCM",
        "1.2.840.113549.3.7", "DES_EDE3_CBC",
        "1.2.840.113549.3.2", "RC2_CBC",
        "1.3.14.3.2.7", "DES_CBC",
        "1.2.840.113549.1.9.16.3.18", "CHACHA20_POLY1305");
    private static final Set<String> MODERN = Set.of(
        "2.16.840.1.101.3.4.1.2", "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42",
        "2.16.840.1.101.3.4.1.6", "2.16.840.1.101.3.4.1.26", "2.16.840.1.101.3.4.1.46",
        "1.2.840.113549.1.9.16.3.18");

    private Algorithms() {
    }

    static String name(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    static boolean isLegacy(String oid) {
        return !MODERN.contains(oid);
    }

    /** Single DES (56-bit key): brute-forced in a day, so not even the legacy opt-in opens it. */
    static boolean isBroken(String oid) {
        return oid.equals("1.3.14.3.2.7");
    }
}
