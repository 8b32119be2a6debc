package org.smimegateway.admin.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to submit mail.
 *
 * @param password only used with {@code username}; never logged
 */
public record SmtpSettings(String host, int port, TlsMode tls, Optional<String> username, Optional<char[]> password,
                           Duration timeout) {
    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1..65535, was " + port);
        }
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("SMTP user " + username.get() + " given without a password");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", tls=" + tls + ", user=" + username.orElse("-") + "]";
    }
}
