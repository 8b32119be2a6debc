package org.smimegateway.webadmin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.smimegateway.policy.PolicyLocation;

/**
 * What the WebAdmin routes and health checks work on, read once from {@code conf/smime-gateway/admin.properties}
 * (James's working directory; see webadmin/README.md for every key). Every key has a default that matches the
 * sample gateway, so a missing file means "the sample layout". Locations are written as in mailetcontainer.xml
 * ({@code conf/...}) and resolved like the mailets resolve theirs, so routes and mailets share one keystore and one
 * policy instance.
 */
public final class AdminSettings {
    /** Where the settings are read from, relative to James's working directory. */
    public static final String LOCATION = "conf/smime-gateway/admin.properties";

    private final PropertiesConfiguration properties;

    private AdminSettings(PropertiesConfiguration properties) {
        this.properties = properties;
    }

    /** The settings at {@link #LOCATION}; defaults only when there is no such file. */
    public static AdminSettings load() {
        return load(PolicyLocation.resolve(LOCATION));
    }

    public static AdminSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new AdminSettings(new PropertiesConfiguration());
        }
        try {
            return new AdminSettings(new FileBasedConfigurationBuilder<>(PropertiesConfiguration.class)
                .configure(new Parameters().properties().setFile(file.toFile()).setListDelimiterHandler(null))
                .getConfiguration());
        } catch (ConfigurationException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** For tests: settings from key/value pairs. */
    public static AdminSettings of(java.util.Map<String, String> values) {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        values.forEach(properties::addProperty);
        return new AdminSettings(properties);
    }

    /** The keystore configuration the mailets name ({@code <keystore>}). */
    public String keystore() {
        return string("keystore", "conf/smime-gateway/keystore.xml");
    }

    /** The policy file the matchers and mailets name ({@code policy=}). */
    public String policy() {
        return string("policy", "conf/smime-policy.xml");
    }

    /** The gateway's file store that routes write to (import, CA issuance, CRLs): a {@code <file><directory>}. */
    public Path store() {
        return path("store", "conf/smime-gateway/store");
    }

    /** The built-in CA's folder ({@code ca.directory}; default {@code <store>/ca}, as the admin CLI's). */
    public Path caDirectory() {
        return optional("ca.directory").map(value -> path("ca.directory", value)).orElse(store().resolve("ca"));
    }

    public String string(String key, String defaultValue) {
        String value = properties.getString(key, null);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public Optional<String> optional(String key) {
        String value = properties.getString(key, null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A location written like the mailets' ({@code conf/...} relative to James's working directory). */
    public Path path(String key, String defaultValue) {
        String value = string(key, defaultValue);
        try {
            return PolicyLocation.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LOCATION + ": '" + key + "' = '" + value + "': " + e.getMessage(), e);
        }
    }

    /** A duration such as {@code 30d}, {@code 12h}, {@code 10m}, {@code 45s} or ISO-8601 ({@code P30D}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get();
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new NumberFormatException("unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalStateException(LOCATION + ": '" + key + "' = '" + text
                + "' is not a duration (30d, 12h, 10m, 45s or ISO-8601 like P30D)", e);
        }
    }

    /** Every key present, for diagnostics. */
    public Iterator<String> keys() {
        return properties.getKeys();
    }
}
