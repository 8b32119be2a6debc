package org.smimegateway.policy;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.xml.sax.SAXParseException;

/**
 * Reads the XML policy file (format in the module README) with Commons Configuration's {@link XMLConfiguration}.
 * Strict on purpose: an unknown element or attribute is a typo that would otherwise silently weaken the policy, so
 * it fails the load like a malformed value does.
 */
public final class PolicyParser {
    private static final String ROOT = "policy";
    private static final Set<String> ROOT_CHILDREN = Set.of("trace", "global", "domain", "user");
    private static final Set<String> TRIGGER_ATTRIBUTES = Set.of("caseSensitive", "remove");

    private PolicyParser() {
    }

    /**
     * @param xml    the file's bytes
     * @param origin the file name, for error messages
     */
    public static Policy parse(byte[] xml, String origin) throws InvalidPolicyException {
        ImmutableNode root = load(xml, origin);
        if (!ROOT.equals(root.getNodeName())) {
            throw new InvalidPolicyException(origin + ": the root element must be <" + ROOT + ">, not <"
                + root.getNodeName() + ">");
        }
        Policy.Builder policy = Policy.builder();
        boolean globalSeen = false;
        boolean traceSeen = false;
        for (ImmutableNode child : root.getChildren()) {
            String where = "<" + child.getNodeName() + describe(child) + ">";
            try {
                switch (child.getNodeName()) {
                    case "trace" -> {
                        if (traceSeen) {
                            throw new IllegalArgumentException("<trace> is given twice");
                        }
                        traceSeen = true;
                        onlyAttributes(child, Set.of("header"));
                        policy.traceHeader(parseBoolean(attribute(child, "header", "false")));
                    }
                    case "global" -> {
                        if (globalSeen) {
                            throw new IllegalArgumentException("<global> is given twice");
                        }
                        globalSeen = true;
                        onlyAttributes(child, Set.of());
                        policy.global(rule(child));
                    }
                    case "domain" -> {
                        onlyAttributes(child, Set.of("name"));
                        policy.domain(required(child, "name"), rule(child));
                    }
                    case "user" -> {
                        onlyAttributes(child, Set.of("address"));
                        policy.user(required(child, "address"), rule(child));
                    }
                    default -> throw new IllegalArgumentException("unknown element; expected one of "
                        + String.join(", ", ROOT_CHILDREN.stream().sorted().toList()));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(origin + ": " + where + ": " + e.getMessage(), e);
            }
        }
        return policy.build();
    }

    private static ImmutableNode load(byte[] xml, String origin) throws InvalidPolicyException {
        XMLConfiguration configuration = new XMLConfiguration();
        configuration.setDocumentBuilder(SecureXml.documentBuilder());
        try {
            new FileHandler(configuration).load(new ByteArrayInputStream(xml));
        } catch (ConfigurationException e) {
            throw new InvalidPolicyException(origin + ": " + parseError(e), e);
        }
        return configuration.getNodeModel().getNodeHandler().getRootNode();
    }

    private static String parseError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException sax) {
                return "line " + sax.getLineNumber() + ", column " + sax.getColumnNumber() + ": " + sax.getMessage();
            }
        }
        Throwable innermost = error;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage();
    }

    private static Rule rule(ImmutableNode level) {
        Rule.Builder rule = Rule.builder();
        Set<String> seen = new HashSet<>();
        for (ImmutableNode element : level.getChildren()) {
            String key = element.getNodeName();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("<" + key + "> is given twice");
            }
            try {
                setting(rule, element);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<" + key + ">: " + e.getMessage(), e);
            }
        }
        return rule.build();
    }

    private static void setting(Rule.Builder rule, ImmutableNode element) {
        String key = element.getNodeName();
        if (key.equals(Setting.SUBJECT_TRIGGER.key())) {
            onlyAttributes(element, TRIGGER_ATTRIBUTES);
            rule.set(Setting.SUBJECT_TRIGGER, SubjectTrigger.of(text(element),
                parseBoolean(attribute(element, "caseSensitive", "false")),
                parseBoolean(attribute(element, "remove", "true"))));
            return;
        }
        onlyAttributes(element, Set.of());
        Map<String, Runnable> simple = Map.of(
            Setting.LOCALITY.key(), () -> set(rule, Setting.LOCALITY, element, Locality::parse),
            Setting.ENCRYPT.key(), () -> set(rule, Setting.ENCRYPT, element, EncryptMode::parse),
            Setting.SMIME.key(), () -> set(rule, Setting.SMIME, element, PolicyParser::parseBoolean),
            Setting.SIGN.key(), () -> set(rule, Setting.SIGN, element, SignMode::parse),
            Setting.CONTENT_ENCRYPTION.key(),
                () -> set(rule, Setting.CONTENT_ENCRYPTION, element, ContentEncryption::parse),
            Setting.KEY_TRANSPORT.key(), () -> set(rule, Setting.KEY_TRANSPORT, element, KeyTransport::parse),
            Setting.PROTECT_HEADERS.key(), () -> set(rule, Setting.PROTECT_HEADERS, element, PolicyParser::parseBoolean),
            Setting.LEGACY_CONTENT_TYPES.key(),
                () -> set(rule, Setting.LEGACY_CONTENT_TYPES, element, PolicyParser::parseBoolean));
        Runnable parser = simple.get(key);
        if (parser == null) {
            throw new IllegalArgumentException("unknown setting; expected one of "
                + String.join(", ", Setting.ALL.stream().map(Setting::key).toList()));
        }
        parser.run();
    }

    private static <T> void set(Rule.Builder rule, Setting<T> setting, ImmutableNode element,
                                Function<String, T> parse) {
        rule.set(setting, parse.apply(text(element)));
    }

    private static String text(ImmutableNode element) {
        if (!element.getChildren().isEmpty()) {
            throw new IllegalArgumentException("expected a value, not nested elements");
        }
        Object value = element.getValue();
        return value == null ? "" : value.toString().trim();
    }

    static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value.trim() + "' is not one of true, false");
        };
    }

    private static void onlyAttributes(ImmutableNode element, Set<String> allowed) {
        for (String name : element.getAttributes().keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown attribute '" + name + "'"
                    + (allowed.isEmpty() ? "" : "; expected " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    private static String attribute(ImmutableNode element, String name, String fallback) {
        Object value = element.getAttributes().get(name);
        return value == null ? fallback : value.toString();
    }

    private static String required(ImmutableNode element, String name) {
        String value = attribute(element, name, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + name + "' is required");
        }
        return value;
    }

    private static String describe(ImmutableNode element) {
        StringBuilder result = new StringBuilder();
        element.getAttributes().forEach((name, value) ->
            result.append(' ').append(name).append("=\"").append(value).append('"'));
        return result.toString();
    }
}
