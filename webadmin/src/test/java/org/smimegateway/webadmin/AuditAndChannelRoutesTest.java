package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.audit.AuditQuery;
import org.smimegateway.audit.AuditRecord;
import org.smimegateway.audit.RecentAuditEvents;
import spark.Service;

/**
 * The audit route over a buffer of known events and the password channel routes over a real file channel, on a real
 * Spark service without James.
 */
class AuditAndChannelRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final RecentAuditEvents EVENTS = new RecentAuditEvents(5);

    @TempDir
    static Path root;
    private static Path passwords;
    private static Service service;
    private static String base;

    @BeforeAll
    static void start() {
        passwords = root.resolve("channel/passwords.tsv");
        AdminSettings settings = AdminSettings.of(Map.of("store", root.resolve("store").toString(),
            "ca.passwordChannel", "file", "ca.passwordChannel.file", passwords.toString()));
        record("mail.signed", "2026-12-04T10:00:00Z", "messageId", "<one@gateway.test>");
        record("mail.encrypted", "2026-12-04T10:00:01Z", "messageId", "<one@gateway.test>");
        record("ca.revoke", "2026-12-04T10:00:02Z", "address", "carol@remote.test");
        record("mail.signed", "2026-12-04T10:00:03Z", "messageId", "<two@gateway.test>");
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new AuditRoutes(EVENTS).define(service);
        new PasswordChannelRoutes(() -> settings).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.stop();
        service.awaitStop();
    }

    private static void record(String event, String at, String key, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("actor", "test");
        fields.put("at", at);
        fields.put(key, value);
        EVENTS.add(fields, "event=" + event + " " + key + "=" + value);
    }

    @Test
    void aMessageIdFindsTheDecisionsAboutThatMailNewestFirst() throws Exception {
        JsonNode answer = get("/smime-gateway/audit?text=" + URLEncoder.encode("<one@gateway.test>",
            StandardCharsets.UTF_8));

        assertThat(events(answer, "event")).containsExactly("mail.encrypted", "mail.signed");
        JsonNode newest = answer.get("events").get(0);
        assertThat(newest.get("at").asText()).isEqualTo("2026-12-04T10:00:01Z");
        assertThat(newest.get("actor").asText()).isEqualTo("test");
        assertThat(newest.get("fields").get("messageId").asText()).isEqualTo("<one@gateway.test>");
        assertThat(newest.get("line").asText()).isEqualTo("event=mail.encrypted messageId=<one@gateway.test>");
        assertThat(answer.get("capacity").asInt()).isEqualTo(5);
        assertThat(answer.get("held").asInt()).isEqualTo(4);
    }

    @Test
    void eventPrefixSinceAndLimitNarrowTheAnswer() throws Exception {
        assertThat(events(get("/smime-gateway/audit?event=mail.signed"), "messageId"))
            .containsExactly("<two@gateway.test>", "<one@gateway.test>");
        assertThat(events(get("/smime-gateway/audit?since=2026-12-04T10:00:02Z"), "event"))
            .containsExactly("mail.signed", "ca.revoke");
        JsonNode limited = get("/smime-gateway/audit?event=mail.&limit=1");
        assertThat(limited.get("events")).hasSize(1);
        assertThat(get("/smime-gateway/audit?limit=999999").get("limit").asInt()).isEqualTo(1000);
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> since = send("GET", "/smime-gateway/audit?since=yesterday", null);
        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(since.body()).get("message").asText()).startsWith("'since' must be an instant");
        HttpResponse<String> limit = send("GET", "/smime-gateway/audit?limit=0", null);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(limit.body()).get("message").asText()).startsWith("'limit' must be");
    }

    @Test
    void theConfiguredChannelIsListedWithWhereItGoesAndOptionNamesOnly() throws Exception {
        JsonNode answer = get("/smime-gateway/channels");

        JsonNode channel = answer.get("channels").get(0);
        assertThat(answer.get("channels")).hasSize(1);
        assertThat(channel.get("name").asText()).isEqualTo("file");
        assertThat(channel.get("target").asText()).isEqualTo("file " + passwords);
        assertThat(channel.get("options").get(0).asText()).isEqualTo("file");
        assertThat(channel.get("problem").isNull()).isTrue();
        assertThat(answer.get("registered").toString()).contains("\"file\"", "\"http\"");
    }

    @Test
    void aTestSendPutsAMarkedNoticeIntoTheFileChannelAndIsAudited() throws Exception {
        long before = RecentAuditEvents.shared().logged();
        HttpResponse<String> sent = send("POST", "/smime-gateway/channels/file/test",
            "{\"address\":\"carol@remote.test\",\"phone\":\"+49 170 1\"}");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(sent.body());
        String marker = answer.get("marker").asText();
        assertThat(marker).matches("test-notice-[0-9a-f]{8}");
        assertThat(answer.get("delivered").asBoolean()).isTrue();
        assertThat(answer.get("detail").asText()).isEqualTo("file " + passwords);
        assertThat(Files.readAllLines(passwords)).contains("carol@remote.test\t+49 170 1\t" + marker);
        assertThat(auditLinesAfter(before)).anySatisfy(line -> assertThat(line).startsWith("event=channel.test actor=webadmin ")
            .contains(" channel=file ", " address=carol@remote.test ", " marker=" + marker + " ",
                " outcome=delivered"));
    }

    @Test
    void aTestSendNeedsAnAddressAndAConfiguredChannel() throws Exception {
        HttpResponse<String> noAddress = send("POST", "/smime-gateway/channels/file/test", "{}");
        assertThat(noAddress.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noAddress.body()).get("message").asText()).startsWith("'address' is required");
        HttpResponse<String> unknown = send("POST", "/smime-gateway/channels/http/test",
            "{\"address\":\"carol@remote.test\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("configured: [file]");
        HttpResponse<String> extra = send("POST", "/smime-gateway/channels/file/test",
            "{\"address\":\"carol@remote.test\",\"password\":\"x\"}");
        assertThat(extra.statusCode()).isEqualTo(400);
    }

    /** One field of every event of an answer, in the answer's order. */
    private static List<String> events(JsonNode answer, String field) {
        List<String> values = new java.util.ArrayList<>();
        answer.get("events").forEach(event -> values.add(event.get("fields").get(field).asText()));
        return values;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = send("GET", path, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The audit lines AuditLog wrote (into its shared buffer) after the {@code before}th. */
    private static List<String> auditLinesAfter(long before) {
        return RecentAuditEvents.shared().find(AuditQuery.all()).stream().filter(r -> r.sequence() > before)
            .map(AuditRecord::line).toList();
    }
}
