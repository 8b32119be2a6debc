package org.smimegateway.admin.cli;

import java.math.BigInteger;
import java.util.Locale;

/** Serial numbers as operators type them: hex as {@code list} and {@code inspect} print it, colons and 0x allowed. */
final class Serials {

    private Serials() {
    }

    static BigInteger parse(String text) {
        String hex = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a serial number in hex (as 'list' shows it)");
        }
        return new BigInteger(hex, 16);
    }
}
