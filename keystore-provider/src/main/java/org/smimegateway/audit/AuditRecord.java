package org.smimegateway.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event as it was logged: its fields in order ({@code event}, {@code actor}, {@code at}, then the event's
 * own) and the exact line, numbered in the order events were logged since start.
 *
 * @param sequence 1 for the first event since the class was loaded (James started), then counting up
 * @param at       when it was logged (the {@code at} field)
 * @param fields   every field, unmodifiable, in the order of the line
 * @param line     the line as the audit logger wrote it
 */
public record AuditRecord(long sequence, Instant at, Map<String, String> fields, String line) {
    public AuditRecord {
        Objects.requireNonNull(at, "at");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(line, "line");
    }

    /** The dotted event name, e.g. {@code mail.encrypted}. */
    public String event() {
        return fields.get("event");
    }

    public String actor() {
        return fields.get("actor");
    }
}
