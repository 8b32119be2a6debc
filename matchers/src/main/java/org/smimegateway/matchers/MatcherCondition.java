package org.smimegateway.matchers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;

/**
 * A matcher condition as written after {@code =} in {@code mailetcontainer.xml}: an optional main argument followed
 * by {@code key=value} options, separated by {@code ;}, e.g. {@code allow,mandatory;policy=conf/smime-policy.xml}.
 * A {@code pattern=} option takes the rest of the condition, so a regular expression may contain {@code ;}.
 */
record MatcherCondition(String matcher, Optional<String> main, Map<String, String> options) {
    static final String PATTERN = "pattern";

    static MatcherCondition parse(String matcher, String condition, boolean mainAllowed, Set<String> optionKeys)
        throws MessagingException {
        String text = condition == null ? "" : condition.trim();
        Optional<String> main = Optional.empty();
        Map<String, String> options = new LinkedHashMap<>();
        boolean first = true;
        while (!text.isEmpty()) {
            int semicolon = text.indexOf(';');
            String segment = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
            int equals = segment.indexOf('=');
            if (equals >= 0 && segment.substring(0, equals).trim().equals(PATTERN)) {
                segment = text.trim();
                semicolon = -1;
            }
            text = semicolon < 0 ? "" : text.substring(semicolon + 1).trim();
            if (segment.isEmpty()) {
                first = false;
                continue;
            }
            equals = segment.indexOf('=');
            if (equals < 0) {
                if (!first || !mainAllowed) {
                    throw new MessagingException("Matcher " + matcher + ": condition '" + condition + "' has '"
                        + segment + "' where an option key=value is expected; accepted options: "
                        + accepted(optionKeys));
                }
                main = Optional.of(segment);
            } else {
                String key = segment.substring(0, equals).trim();
                String value = segment.substring(equals + 1).trim();
                if (!optionKeys.contains(key)) {
                    throw new MessagingException("Matcher " + matcher + ": condition '" + condition
                        + "' has the unknown option '" + key + "'; accepted options: " + accepted(optionKeys));
                }
                if (options.put(key, value) != null) {
                    throw new MessagingException("Matcher " + matcher + ": condition '" + condition
                        + "' gives the option '" + key + "' twice");
                }
            }
            first = false;
        }
        return new MatcherCondition(matcher, main, Map.copyOf(options));
    }

    private static String accepted(Set<String> keys) {
        return keys.isEmpty() ? "none" : String.join(", ", keys.stream().sorted().toList());
    }

    String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    boolean booleanOption(String key, boolean fallback) throws MessagingException {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MessagingException("Matcher " + matcher + ": option '" + key + "=" + value
                + "' is not one of true, false");
        };
    }

    /** Thrown for a bad main argument or option value: names the matcher, the part and what is accepted. */
    MessagingException invalid(String part, String problem) {
        return new MessagingException("Matcher " + matcher + ": " + part + " " + problem);
    }
}
