package org.smimegateway.mailets;

import java.util.Optional;
import java.util.function.Function;
import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;

/** Reads one mailet's init parameters, turning a bad value into a MessagingException that names the parameter. */
final class Parameters {
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
