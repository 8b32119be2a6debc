package org.smimegateway.policy;

import java.util.Locale;

/**
 * A domain rule's name: an exact domain ({@code example.com}) or a wildcard ({@code *.example.com}) matching every
 * subdomain at any depth but not {@code example.com} itself, so that a parent and its subdomains can differ.
 */
public record DomainPattern(String pattern) {
    public DomainPattern {
        pattern = pattern == null ? "" : pattern.trim().toLowerCase(Locale.ROOT);
        String domain = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (domain.isEmpty() || domain.contains("*") || domain.startsWith(".") || domain.endsWith(".")
            || domain.contains("..") || domain.contains("@") || domain.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + pattern + "' is not a domain or a wildcard like *.example.com");
        }
    }

    public boolean isWildcard() {
        return pattern.startsWith("*.");
    }

    public boolean matches(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        return isWildcard() ? candidate.endsWith(pattern.substring(1)) : candidate.equals(pattern);
    }

    /**
     * Higher is more specific: an exact domain beats any wildcard; among wildcards, more labels win
     * ({@code *.eu.example.com} before {@code *.example.com}).
     */
    int specificity() {
        int labels = (int) pattern.chars().filter(c -> c == '.').count() + 1;
        return isWildcard() ? labels - 1 : 1000 + labels;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
