package org.smimegateway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one structured line per administrative act (certificate imported, issued, revoked, CRL published,
 * policy replaced, mail released, cache flushed...) and per security decision that changes a message (signed,
 * encrypted, decrypted, verdict stamped, headers stripped, held, quarantined), on the dedicated logger
 * {@value #LOGGER_NAME}. A line reads {@code event=<what> actor=<who> at=<ISO instant> key=value ...}: values are
 * quoted when they hold spaces, quotes, '=' or control characters, and line breaks are escaped, so one event is
 * always one line a log shipper can split on spaces. Never put a secret (password, key, PKCS#12) in a field.
 * The latest events are also kept in memory ({@link RecentAuditEvents}) for the operator's Logs view.
 */
public final class AuditLog {
    /** The dedicated logger; logback.xml gives it its own level (and, if wanted, its own appender). */
    public static final String LOGGER_NAME = "org.smimegateway.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AuditLog() {
    }

    /** Starts an event: {@code what} is a short dotted name such as {@code ca.revoke} or {@code mail.encrypted}. */
    public static Event event(String what, String actor) {
        return new Event(what, actor);
    }

    /** One audit line under construction; {@link #log()} writes it. */
    public static final class Event {
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Event(String what, String actor) {
            fields.put("event", Objects.requireNonNull(what, "what"));
            fields.put("actor", actor == null || actor.isBlank() ? "unknown" : actor);
            fields.put("at", Instant.now().toString());
        }

        /** Adds a field; a null value is written as {@code -}. Keys are plain words ({@code [A-Za-z0-9._-]+}). */
        public Event with(String key, Object value) {
            if (!key.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("audit field name '" + key + "'");
            }
            fields.put(key, value == null ? "-" : String.valueOf(value));
            return this;
        }

        /** The line as it is logged. */
        public String line() {
            StringBuilder line = new StringBuilder();
            fields.forEach((key, value) -> {
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(key).append('=').append(quote(value));
            });
            return line.toString();
        }

        /** Writes the line and keeps the event in {@link RecentAuditEvents#shared()}. */
        public void log() {
            String line = line();
            LOG.info("{}", line);
            RecentAuditEvents.shared().add(fields, line);
        }
    }

    static String quote(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\r' -> quoted.append("\\r");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
