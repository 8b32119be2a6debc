package org.smimegateway.keystore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the gateway compares mail addresses with certificates and store keys: case-insensitively (local parts too,
 * because real mail systems treat them so), {@code user+tag@domain} falling back to {@code user@domain}, and finally
 * the domain-level key {@code *@domain}.
 */
public final class Addresses {
    private Addresses() {
    }

    /** Lower-cased, trimmed, angle brackets removed; empty when the text is not a {@code local@domain} address. */
    public static Optional<String> normalize(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.trim();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /** The store keys to try for a normalized address, most specific first. */
    public static List<String> lookupKeys(String normalized) {
        List<String> keys = new ArrayList<>(3);
        keys.add(normalized);
        untagged(normalized).ifPresent(keys::add);
        keys.add(domainKey(domain(normalized)));
        return List.copyOf(keys);
    }

    /** {@code user@domain} for {@code user+tag@domain}; empty when there is no tag. */
    public static Optional<String> untagged(String normalized) {
        int at = normalized.lastIndexOf('@');
        int plus = normalized.indexOf('+');
        if (plus > 0 && plus < at) {
            return Optional.of(normalized.substring(0, plus) + normalized.substring(at));
        }
        return Optional.empty();
    }

    /** The domain part of a normalized address. */
    public static String domain(String normalized) {
        return normalized.substring(normalized.lastIndexOf('@') + 1);
    }

    /** The store key of a domain-level certificate or key, {@code *@domain}. */
    public static String domainKey(String domain) {
        return "*@" + domain.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code key} is a domain-level key. */
    public static boolean isDomainKey(String key) {
        return key.startsWith("*@");
    }
}
