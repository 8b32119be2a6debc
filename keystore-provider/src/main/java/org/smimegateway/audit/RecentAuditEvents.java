package org.smimegateway.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last {@link #capacity()} audit events in memory, so an operator's view can search recent decisions and acts
 * without access to the log files. {@link AuditLog} feeds the {@link #shared()} instance with every event it logs;
 * the oldest event makes room for the newest. Holds only what the audit line holds (never a secret), and nothing
 * from before the class was loaded: the audit log file keeps the history.
 */
public final class RecentAuditEvents {
    /** About 1 MB of typical lines; enough for an operator's "what happened to this mail a moment ago". */
    public static final int DEFAULT_CAPACITY = 2000;

    private static final RecentAuditEvents SHARED = new RecentAuditEvents(DEFAULT_CAPACITY);

    private final int capacity;
    private final ArrayDeque<AuditRecord> events;
    private long sequence;

    public RecentAuditEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 256));
    }

    /** The buffer {@link AuditLog} writes to: one per class loader, i.e. one per James with the drop-in jar. */
    public static RecentAuditEvents shared() {
        return SHARED;
    }

    public int capacity() {
        return capacity;
    }

    /** Keeps one logged event; the oldest goes when the buffer is full. */
    public synchronized AuditRecord add(Map<String, String> fields, String line) {
        AuditRecord record = new AuditRecord(++sequence, instant(fields.get("at")), fields, line);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(record);
        return record;
    }

    /** The events {@code query} selects, newest first, at most its limit. */
    public synchronized List<AuditRecord> find(AuditQuery query) {
        List<AuditRecord> found = new ArrayList<>();
        for (Iterator<AuditRecord> newest = events.descendingIterator(); newest.hasNext()
            && found.size() < query.limit(); ) {
            AuditRecord record = newest.next();
            if (query.matches(record)) {
                found.add(record);
            }
        }
        return found;
    }

    /** How many events are held now. */
    public synchronized int size() {
        return events.size();
    }

    /** How many events were logged since start, including those that made room for newer ones. */
    public synchronized long logged() {
        return sequence;
    }

    private static Instant instant(String at) {
        try {
            return at == null ? Instant.now() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
