package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.certificates.Fingerprints;
import org.smimegateway.audit.AuditQuery;
import org.smimegateway.audit.AuditRecord;
import org.smimegateway.audit.RecentAuditEvents;
import spark.Service;

/** The policy rule routes on a real Spark service over a real policy file, as the gateway's shared policy. */
class PolicyRuleRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String POLICY = """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy>
            <!-- Defaults for everybody. -->
            <global>
                <encrypt>allow</encrypt>
            </global>
            <!-- The bank insists. -->
            <domain name="bank.example">
                <encrypt>mandatory</encrypt>
            </domain>
        </policy>
        """;

    @TempDir
    Path root;
    private Path policy;
    private Service service;
    private String base;

    @BeforeEach
    void start() throws Exception {
        policy = Files.writeString(root.resolve("policy.xml"), POLICY);
        AdminSettings settings = AdminSettings.of(Map.of("store", root.toString(), "policy", policy.toString()));
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new PolicyRoutes(settings, "corp.example"::equals).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aDomainRuleSetOverHttpIsWrittenIntoTheFileNextToItsCommentsAndDecidesAtOnce() throws Exception {
        long before = RecentAuditEvents.shared().logged();
        JsonNode read = JSON.readTree(send("GET", "/rules", null, Map.of()).body());
        assertThat(read.get("sha256").asText()).isEqualTo(Fingerprints.sha256(Files.readAllBytes(policy)));
        assertThat(read.get("domains").get(0).get("settings").get("encrypt").asText()).isEqualTo("mandatory");

        HttpResponse<String> put = send("PUT", "/rules/domains/Shop.Example",
            "{\"encrypt\":\"mandatory\",\"contentEncryption\":\"AES256_GCM\",\"smime\":true}",
            Map.of("If-Match", read.get("sha256").asText()));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(put.body());
        assertThat(answer.get("domains").get(1).get("name").asText()).isEqualTo("shop.example");
        assertThat(answer.get("sha256").asText()).isEqualTo(Fingerprints.sha256(Files.readAllBytes(policy)));
        assertThat(Files.readString(policy)).isEqualTo(POLICY.replace("</policy>", """
                <domain name="shop.example">
                    <encrypt>mandatory</encrypt>
                    <contentEncryption>AES256_GCM</contentEncryption>
                    <smime>true</smime>
                </domain>
            </policy>"""));
        assertThat(Files.readString(Path.of(answer.get("backup").asText()))).isEqualTo(POLICY);
        JsonNode effective = JSON.readTree(sendTo("/smime-gateway/policy/effective?address=amy@shop.example"));
        assertThat(effective.get("settings").get("encrypt").get("source").get("rule").asText())
            .isEqualTo("shop.example");
        assertThat(effective.get("settings").get("encrypt").get("value").asText()).isEqualTo("mandatory");
        assertThat(auditLinesAfter(before)).anySatisfy(line -> assertThat(line)
            .startsWith("event=policy.rule.put actor=webadmin").contains("domain shop.example"));
    }

    @Test
    void anInvalidValueIsRefusedNamingTheSettingAndTheFileIsUntouched() throws Exception {
        HttpResponse<String> bad = send("PUT", "/rules/domains/shop.example", "{\"encrypt\":\"mandatry\"}", Map.of());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText())
            .isEqualTo("encrypt: 'mandatry' is not one of none, allow, mandatory");
        HttpResponse<String> unknown = send("PUT", "/rules/users/bob@corp.example", "{\"encryption\":\"none\"}",
            Map.of());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("encryption");
        HttpResponse<String> regex = send("PUT", "/rules/global", "{\"subjectTrigger\":{\"value\":\"[open\"}}",
            Map.of());
        assertThat(regex.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(regex.body()).get("message").asText()).startsWith("subjectTrigger: ");
        HttpResponse<String> domain = send("PUT", "/rules/domains/*.*.example", "{}", Map.of());
        assertThat(domain.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(domain.body()).get("message").asText()).startsWith("domain: ");

        assertThat(Files.readString(policy)).isEqualTo(POLICY);
        assertThat(backups()).isEmpty();
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefusedWith409() throws Exception {
        String stale = JSON.readTree(send("GET", "/rules", null, Map.of()).body()).get("sha256").asText();
        assertThat(send("PUT", "/rules/users/ceo%40corp.example", "{\"sign\":\"always\"}", Map.of("If-Match", stale))
            .statusCode()).isEqualTo(200);
        String afterFirst = Files.readString(policy);
        assertThat(afterFirst).contains("<user address=\"ceo@corp.example\">");

        HttpResponse<String> second = send("DELETE", "/rules/domains/bank.example", null, Map.of("If-Match", stale));

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("message").asText()).contains("changed since it was read");
        assertThat(Files.readString(policy)).isEqualTo(afterFirst);
    }

    @Test
    void deletingARuleRemovesOnlyItAndAnUnknownRuleIs404() throws Exception {
        HttpResponse<String> deleted = send("DELETE", "/rules/domains/bank.example", null, Map.of());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("domains")).isEmpty();
        assertThat(Files.readString(policy)).isEqualTo(POLICY.replace("""
                <domain name="bank.example">
                    <encrypt>mandatory</encrypt>
                </domain>
            """, ""));
        JsonNode effective = JSON.readTree(sendTo("/smime-gateway/policy/effective?address=amy@bank.example"));
        assertThat(effective.get("settings").get("encrypt").get("value").asText()).isEqualTo("allow");
        assertThat(send("DELETE", "/rules/users/nobody@corp.example", null, Map.of()).statusCode()).isEqualTo(404);
    }

    private List<Path> backups() throws Exception {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".bak")).toList();
        }
    }

    private String sendTo(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/smime-gateway/policy" + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> auditLinesAfter(long before) {
        return RecentAuditEvents.shared().find(AuditQuery.all()).stream().filter(r -> r.sequence() > before)
            .map(AuditRecord::line).toList();
    }
}
