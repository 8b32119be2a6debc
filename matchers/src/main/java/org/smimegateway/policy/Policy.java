package org.smimegateway.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable, loaded policy. Each setting is resolved on its own for an address: the user rule if it sets it,
 * else the most specific matching domain rule that sets it (exact domain, then wildcards with more labels first),
 * else the global rule, else the built-in default. A user rule for {@code user+tag@domain} falls back to
 * {@code user@domain}.
 */
public final class Policy {
    /** No file settings at all: built-in defaults and James's local domains. */
    public static final Policy DEFAULTS = builder().build();

    private final Rule global;
    private final List<DomainRule> domains;
    private final Map<String, Rule> users;
    private final boolean traceHeader;

    private Policy(Rule global, List<DomainRule> domains, Map<String, Rule> users, boolean traceHeader) {
        this.global = global;
        this.domains = domains.stream()
            .sorted(Comparator.comparingInt((DomainRule rule) -> rule.pattern().specificity()).reversed())
            .toList();
        this.users = Map.copyOf(users);
        this.traceHeader = traceHeader;
    }

    /** A domain rule as written in the policy file. */
    public record DomainRule(DomainPattern pattern, Rule rule) {
    }

    /** Whether decisions are also written to the message as an info header (the mail attribute is always kept). */
    public boolean traceHeader() {
        return traceHeader;
    }

    /**
     * The value a level of the policy file sets for {@code address}, if any.
     *
     * @param address an e-mail address, compared case-insensitively
     */
    public <T> Optional<Resolved<T>> explicit(Setting<T> setting, String address) {
        String normalized = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        Optional<Resolved<T>> byUser = userRule(normalized).flatMap(entry -> entry.getValue().get(setting)
            .map(value -> new Resolved<>(value, Source.user(entry.getKey()))));
        if (byUser.isPresent()) {
            return byUser;
        }
        String domain = domainOf(normalized);
        for (DomainRule rule : domains) {
            if (rule.pattern().matches(domain)) {
                Optional<T> value = rule.rule().get(setting);
                if (value.isPresent()) {
                    return Optional.of(new Resolved<>(value.get(), Source.domain(rule.pattern().pattern())));
                }
            }
        }
        return global.get(setting).map(value -> new Resolved<>(value, Source.GLOBAL));
    }

    /**
     * The inheritance chain of a setting for {@code address}: every level of the policy file that sets it, strongest
     * first (the user rule, each matching domain rule from the most specific, the global rule), then the built-in
     * default if there is one. The first element is what {@link #resolve} answers; the rest are what it overrides.
     * For operators asking why an address gets a value (WebAdmin {@code /smime-gateway/policy/effective}).
     */
    public <T> List<Resolved<T>> levels(Setting<T> setting, String address) {
        String normalized = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        List<Resolved<T>> chain = new ArrayList<>();
        userRule(normalized).ifPresent(entry -> entry.getValue().get(setting)
            .ifPresent(value -> chain.add(new Resolved<>(value, Source.user(entry.getKey())))));
        String domain = domainOf(normalized);
        for (DomainRule rule : domains) {
            if (rule.pattern().matches(domain)) {
                rule.rule().get(setting).ifPresent(value -> chain.add(new Resolved<>(value,
                    Source.domain(rule.pattern().pattern()))));
            }
        }
        global.get(setting).ifPresent(value -> chain.add(new Resolved<>(value, Source.GLOBAL)));
        setting.builtInDefault().ifPresent(value -> chain.add(new Resolved<>(value, Source.BUILT_IN)));
        return List.copyOf(chain);
    }

    /**
     * The value for {@code address}, falling back to the built-in default.
     *
     * @throws IllegalArgumentException for {@link Setting#LOCALITY}, which needs {@link #locality}
     */
    public <T> Resolved<T> resolve(Setting<T> setting, String address) {
        return explicit(setting, address).orElseGet(() -> new Resolved<>(setting.builtInDefault()
            .orElseThrow(() -> new IllegalArgumentException(setting + " has no built-in default")), Source.BUILT_IN));
    }

    /**
     * Internal or external; when no level of the policy file says, internal exactly when {@code isLocalDomain}
     * (James's local domains) accepts the address's domain.
     */
    public Resolved<Locality> locality(String address, Predicate<String> isLocalDomain) {
        return explicit(Setting.LOCALITY, address).orElseGet(() -> {
            String domain = domainOf(address == null ? "" : address.trim().toLowerCase(Locale.ROOT));
            boolean local = !domain.isEmpty() && isLocalDomain.test(domain);
            return new Resolved<>(local ? Locality.INTERNAL : Locality.EXTERNAL, Source.LOCAL_DOMAINS);
        });
    }

    /** Every setting for one address. */
    public AddressPolicy forAddress(String address, Predicate<String> isLocalDomain) {
        return new AddressPolicy(address, locality(address, isLocalDomain), resolve(Setting.ENCRYPT, address),
            resolve(Setting.SMIME, address), resolve(Setting.SIGN, address),
            resolve(Setting.CONTENT_ENCRYPTION, address), resolve(Setting.KEY_TRANSPORT, address),
            resolve(Setting.SUBJECT_TRIGGER, address));
    }

    /**
     * The subject trigger that applies to a message, resolved for its sender (the global trigger when there is no
     * sender), if the subject contains it.
     */
    public Optional<Resolved<SubjectTrigger>> triggeredBy(String sender, String subject) {
        Resolved<SubjectTrigger> trigger = resolve(Setting.SUBJECT_TRIGGER, sender == null ? "" : sender);
        return trigger.value().matches(subject) ? Optional.of(trigger) : Optional.empty();
    }

    /**
     * The encrypt mode for a recipient of one message: the recipient's setting, raised to
     * {@link EncryptMode#MANDATORY} when the subject carries the sender's trigger, because a sender who asks for
     * encryption must never see the mail leave in plaintext.
     */
    public Resolved<EncryptMode> encryptMode(String recipient, String sender, String subject) {
        Resolved<EncryptMode> mode = resolve(Setting.ENCRYPT, recipient);
        if (mode.value() == EncryptMode.MANDATORY) {
            return mode;
        }
        return triggeredBy(sender, subject)
            .map(trigger -> new Resolved<>(EncryptMode.MANDATORY, new Source(Source.Level.SUBJECT_TRIGGER,
                trigger.value() + " from " + trigger.source() + ", was " + mode)))
            .orElse(mode);
    }

    private Optional<Map.Entry<String, Rule>> userRule(String address) {
        Rule exact = users.get(address);
        if (exact != null) {
            return Optional.of(Map.entry(address, exact));
        }
        int at = address.lastIndexOf('@');
        int plus = address.indexOf('+');
        if (plus > 0 && at > plus) {
            String base = address.substring(0, plus) + address.substring(at);
            return Optional.ofNullable(users.get(base)).map(rule -> Map.entry(base, rule));
        }
        return Optional.empty();
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Policy[global=" + global + ", domains=" + domains.size() + ", users=" + users.size()
            + ", traceHeader=" + traceHeader + "]";
    }

    /** Assembles a policy; the loader and tests use it. */
    public static final class Builder {
        private Rule global = Rule.EMPTY;
        private final List<DomainRule> domains = new ArrayList<>();
        private final Map<String, Rule> users = new LinkedHashMap<>();
        private boolean traceHeader;

        public Builder global(Rule rule) {
            this.global = rule;
            return this;
        }

        /** @throws IllegalArgumentException for a malformed pattern or a pattern given twice */
        public Builder domain(String pattern, Rule rule) {
            DomainPattern parsed = new DomainPattern(pattern);
            if (domains.stream().anyMatch(existing -> existing.pattern().equals(parsed))) {
                throw new IllegalArgumentException("domain '" + parsed + "' is defined twice");
            }
            domains.add(new DomainRule(parsed, rule));
            return this;
        }

        /** @throws IllegalArgumentException for an address without a domain or one given twice */
        public Builder user(String address, Rule rule) {
            String normalized = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
            int at = normalized.lastIndexOf('@');
            if (at <= 0 || at == normalized.length() - 1) {
                throw new IllegalArgumentException("'" + normalized + "' is not an e-mail address");
            }
            if (users.putIfAbsent(normalized, rule) != null) {
                throw new IllegalArgumentException("user '" + normalized + "' is defined twice");
            }
            return this;
        }

        public Builder traceHeader(boolean enabled) {
            this.traceHeader = enabled;
            return this;
        }

        public Policy build() {
            return new Policy(global, domains, users, traceHeader);
        }
    }
}
