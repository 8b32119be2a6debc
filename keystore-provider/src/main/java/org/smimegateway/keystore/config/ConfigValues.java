package org.smimegateway.keystore.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the value types the configuration uses: durations, locations, booleans, enums. */
final class ConfigValues {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigValues() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30S}. */
    static Duration duration(String element, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new KeystoreConfigurationException(element + ": '" + text
                + "' is not a duration (e.g. 500ms, 30s, 10m, 2h, 1d or PT30S)");
        }
    }

    /**
     * A local path from {@code file:///...}, {@code classpath://...} (a resource that is a file) or a plain path;
     * relative plain paths are resolved against {@code base}.
     */
    static Path location(String element, String text, Path base) {
        String value = text.trim();
        if (value.startsWith("classpath://") || value.startsWith("classpath:")) {
            String resource = value.substring(value.indexOf(':') + 1).replaceFirst("^//", "").replaceFirst("^/", "");
            URL url = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader().getResource(resource)
                : ConfigValues.class.getClassLoader().getResource(resource);
            if (url == null || !"file".equals(url.getProtocol())) {
                throw new KeystoreConfigurationException(element + ": classpath resource '" + resource
                    + "' not found or not a plain file");
            }
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new KeystoreConfigurationException(element + ": bad resource URL " + url, e);
            }
        }
        if (value.startsWith("file:")) {
            String path = value.substring("file:".length());
            // file://relative/dir (James style) and file:///absolute/dir
            path = path.startsWith("///") ? path.substring(2) : path.startsWith("//") ? path.substring(2) : path;
            return resolve(base, path);
        }
        if (value.contains("://")) {
            throw new KeystoreConfigurationException(element + ": '" + value
                + "' is not a local location (use file://, classpath:// or a path)");
        }
        return resolve(base, value);
    }

    static boolean bool(String element, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new KeystoreConfigurationException(element + ": '" + text
                + "' is not a boolean (true or false)");
        };
    }

    static int positiveInt(String element, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KeystoreConfigurationException(element + ": '" + text + "' is not a positive integer");
    }

    static <E extends Enum<E>> E choice(String element, String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new KeystoreConfigurationException(element + ": '" + text + "' is not one of " + accepted);
    }

    private static Path resolve(Path base, String path) {
        Path candidate = Path.of(path);
        return candidate.isAbsolute() || base == null ? candidate : base.resolve(candidate).normalize();
    }
}
