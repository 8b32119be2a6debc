package org.smimegateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RecentAuditEventsTest {

    @Test
    void everyLoggedEventIsKeptWithItsFieldsAndExactLine() {
        String messageId = "<" + System.nanoTime() + "@recent.test>";
        AuditLog.Event event = AuditLog.event("mail.signed", "SmimeSign").with("messageId", messageId)
            .with("sender", "alice@gateway.test");
        event.log();

        List<AuditRecord> found = RecentAuditEvents.shared().find(new AuditQuery(Optional.empty(),
            Optional.of(messageId), Optional.empty(), 10));

        assertThat(found).hasSize(1);
        AuditRecord record = found.get(0);
        assertThat(record.line()).isEqualTo(event.line());
        assertThat(record.event()).isEqualTo("mail.signed");
        assertThat(record.actor()).isEqualTo("SmimeSign");
        assertThat(record.fields()).containsEntry("messageId", messageId).containsEntry("sender", "alice@gateway.test");
        assertThat(record.fields().keySet()).containsExactly("event", "actor", "at", "messageId", "sender");
        assertThat(record.at()).isEqualTo(Instant.parse(record.fields().get("at")));
    }

    @Test
    void theOldestEventMakesRoomAndTheNewestComeFirst() {
        RecentAuditEvents events = new RecentAuditEvents(3);
        for (int i = 1; i <= 5; i++) {
            events.add(fields("mail.signed", "2026-12-04T10:00:0" + i + "Z", "n", String.valueOf(i)), "line " + i);
        }

        assertThat(events.find(AuditQuery.all())).extracting(AuditRecord::line)
            .containsExactly("line 5", "line 4", "line 3");
        assertThat(events.find(AuditQuery.all())).extracting(AuditRecord::sequence).containsExactly(5L, 4L, 3L);
        assertThat(events.size()).isEqualTo(3);
        assertThat(events.logged()).isEqualTo(5);
    }

    @Test
    void aQuerySelectsByEventPrefixTextInAnyFieldSinceAndLimit() {
        RecentAuditEvents events = new RecentAuditEvents(10);
        events.add(fields("mail.signed", "2026-12-04T10:00:00Z", "messageId", "<a@x>"), "1");
        events.add(fields("mail.encrypted", "2026-12-04T10:00:01Z", "messageId", "<A@X>"), "2");
        events.add(fields("ca.revoke", "2026-12-04T10:00:02Z", "address", "carol@remote.test"), "3");
        events.add(fields("mail.signed", "2026-12-04T10:00:03Z", "messageId", "<b@x>"), "4");

        assertThat(lines(events, new AuditQuery(Optional.of("mail."), Optional.empty(), Optional.empty(), 10)))
            .containsExactly("4", "2", "1");
        assertThat(lines(events, new AuditQuery(Optional.empty(), Optional.of(" <a@x> "), Optional.empty(), 10)))
            .as("text is matched in any field, ignoring case and surrounding blanks").containsExactly("2", "1");
        assertThat(lines(events, new AuditQuery(Optional.empty(), Optional.of("ca.revoke"), Optional.empty(), 10)))
            .as("the event name is a field too").containsExactly("3");
        assertThat(lines(events, new AuditQuery(Optional.empty(), Optional.empty(),
            Optional.of(Instant.parse("2026-12-04T10:00:02Z")), 10))).containsExactly("4", "3");
        assertThat(lines(events, new AuditQuery(Optional.of("mail.signed"), Optional.empty(), Optional.empty(), 1)))
            .containsExactly("4");
        assertThat(lines(events, new AuditQuery(Optional.of("mail.signed"), Optional.of("nowhere"),
            Optional.empty(), 10))).isEmpty();
    }

    @Test
    void aLimitIsCappedAndMustBePositive() {
        assertThat(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1_000_000).limit())
            .isEqualTo(AuditQuery.MAX_LIMIT);
        assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new RecentAuditEvents(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersLoseNoCountAndNeverOverfillTheBuffer() throws Exception {
        RecentAuditEvents events = new RecentAuditEvents(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        events.add(fields("mail.signed", "2026-12-04T10:00:00Z", "i", String.valueOf(i)), "l");
                        events.find(AuditQuery.all());
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.logged()).isEqualTo(4000);
        assertThat(events.size()).isEqualTo(100);
        assertThat(events.find(AuditQuery.all()).get(0).sequence()).isEqualTo(4000);
    }

    private static Map<String, String> fields(String event, String at, String key, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("actor", "test");
        fields.put("at", at);
        fields.put(key, value);
        return fields;
    }

    private static List<String> lines(RecentAuditEvents events, AuditQuery query) {
        return events.find(query).stream().map(AuditRecord::line).toList();
    }
}
