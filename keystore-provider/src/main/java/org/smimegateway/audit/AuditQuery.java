package org.smimegateway.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Which recent audit events an operator wants to see: an event name prefix ({@code mail.} or {@code ca.revoke}),
 * a text that any field value must contain (a Message-ID, an address, a serial; case ignored), events at or after an
 * instant, and at most {@code limit} of them, newest first.
 */
public record AuditQuery(Optional<String> eventPrefix, Optional<String> text, Optional<Instant> since, int limit) {
    /** More than this many events in one answer is never useful in a view and only costs memory. */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        eventPrefix = eventPrefix.map(String::strip).filter(s -> !s.isEmpty());
        text = text.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT));
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        limit = Math.min(limit, MAX_LIMIT);
    }

    /** Every event, the default number. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public boolean matches(AuditRecord record) {
        if (eventPrefix.isPresent() && (record.event() == null || !record.event().startsWith(eventPrefix.get()))) {
            return false;
        }
        if (since.isPresent() && record.at().isBefore(since.get())) {
            return false;
        }
        return text.isEmpty() || record.fields().values().stream()
            .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(text.get()));
    }
}
