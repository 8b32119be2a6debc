package org.smimegateway.mailets;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

/** Reads one mailet's init parameters, turning a bad value into a MessagingException that names the parameter. */
final class Parameters {
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d{1,12})\\s*([km]?)b?");

    private final MailetConfig config;

    Parameters(MailetConfig config) {
        this.config = config;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(config.getInitParameter(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    String text(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    <T> T parsed(String name, String defaultValue, Function<String, T> parser) throws MessagingException {
        String value = text(name, defaultValue);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Init parameter '" + name + "': " + e.getMessage());
        }
    }

    int integer(String name, int defaultValue, int min, int max) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new MessagingException("Init parameter '" + name + "': '" + value.get() + "' is not a whole number from "
            + min + " to " + max);
    }

    long size(String name, long defaultValue) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value.get());
        if (m.matches()) {
            long number = Long.parseLong(m.group(1));
            long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1024L;
                case "m" -> 1024L * 1024;
                default -> 1L;
            };
            if (number > 0) {
                return number * factor;
            }
        }
        throw new MessagingException("Init parameter '" + name + "': '" + value.get()
            + "' is not a positive size such as 1048576, 512k or 50m");
    }

    boolean bool(String name, boolean defaultValue) throws MessagingException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw new MessagingException("Init parameter '" + name + "': '" + value.get() + "' is not one of true, false");
    }
}
