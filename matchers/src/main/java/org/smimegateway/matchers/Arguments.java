package org.smimegateway.matchers;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import javax.mail.MessagingException;

import org.smimegateway.policy.EncryptMode;
import org.smimegateway.policy.Locality;

/** Parses the main arguments of the policy matchers, naming the accepted values when one is wrong. */
final class Arguments {
    private Arguments() {
    }

    static Locality locality(MatcherCondition condition) throws MessagingException {
        String value = required(condition, "internal|external");
        return parse(condition, value, Locality::parse);
    }

    static Set<EncryptMode> encryptModes(MatcherCondition condition) throws MessagingException {
        String value = required(condition, "a comma-separated list of none, allow, mandatory");
        Set<EncryptMode> modes = EnumSet.noneOf(EncryptMode.class);
        for (String item : value.split(",")) {
            modes.add(parse(condition, item, EncryptMode::parse));
        }
        return modes;
    }

    static boolean flag(MatcherCondition condition, boolean fallback) throws MessagingException {
        if (condition.main().isEmpty()) {
            return fallback;
        }
        String value = condition.main().get().trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw condition.invalid("argument '" + value + "'", "is not one of true, false");
    }

    private static String required(MatcherCondition condition, String accepted) throws MessagingException {
        return condition.main()
            .orElseThrow(() -> condition.invalid("condition", "needs " + accepted + " first, e.g. "
                + condition.matcher() + "=" + accepted.replace("a comma-separated list of ", "").split("[|,]")[0]
                + ";policy=conf/smime-policy.xml"));
    }

    private static <T> T parse(MatcherCondition condition, String value, Function<String, T> parser)
        throws MessagingException {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw condition.invalid("argument", e.getMessage());
        }
    }
}
