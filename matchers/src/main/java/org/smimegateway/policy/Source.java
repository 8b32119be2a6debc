package org.smimegateway.policy;

import java.util.Objects;

/**
 * Where a resolved value came from, for the decision trace: the level and, for domain and user rules, the rule's
 * name as written in the policy file.
 */
public record Source(Level level, String rule) {
    public Source {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rule, "rule");
    }

    /** The levels, weakest first. */
    public enum Level {
        /** Nothing in the policy file; the gateway's default. */
        BUILT_IN,
        /** Nothing in the policy file; James's list of local domains decided (locality only). */
        LOCAL_DOMAINS,
        GLOBAL,
        DOMAIN,
        USER,
        /** The subject trigger raised the value for this message. */
        SUBJECT_TRIGGER
    }

    public static final Source BUILT_IN = new Source(Level.BUILT_IN, "");
    public static final Source LOCAL_DOMAINS = new Source(Level.LOCAL_DOMAINS, "");
    public static final Source GLOBAL = new Source(Level.GLOBAL, "");

    public static Source domain(String pattern) {
        return new Source(Level.DOMAIN, pattern);
    }

    public static Source user(String address) {
        return new Source(Level.USER, address);
    }

    @Override
    public String toString() {
        return switch (level) {
            case BUILT_IN -> "built-in default";
            case LOCAL_DOMAINS -> "James local domains";
            case GLOBAL -> "global";
            case DOMAIN -> "domain " + rule;
            case USER -> "user " + rule;
            case SUBJECT_TRIGGER -> "subject trigger " + rule;
        };
    }
}
