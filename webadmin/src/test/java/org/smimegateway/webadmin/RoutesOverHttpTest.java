package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.KeyAlgorithm;
import org.smimegateway.admin.ca.CaCreator;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.IssuedCertificate;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import spark.Service;

/**
 * The route classes on a real Spark service (James's WebAdmin server is Spark too) over a real file store, without
 * James: answers and error bodies, and that every route webadmin/README.md documents exists.
 */
class RoutesOverHttpTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final CaMaterial CA = new CaCreator(CLOCK).create(new CaProfile("Routes Root", "Routes Issuing",
        Optional.empty(), KeyAlgorithm.EC_P256, 30, Optional.empty(), Optional.empty()));

    @TempDir
    static Path root;
    private static Service service;
    private static FileCertificateStore fileStore;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path store = Files.createDirectories(root.resolve("store"));
        Path policy = Files.writeString(root.resolve("policy.xml"), """
            <policy>
                <global><encrypt>allow</encrypt></global>
                <domain name="partner.example"><encrypt>mandatory</encrypt></domain>
            </policy>
            """);
        fileStore = FileCertificateStore.open(new FileStoreSettings(store, null, Duration.ZERO));
        var provider = new StoreKeystoreProvider(fileStore,
            new PathValidator(fileStore, RevocationPolicy.DEFAULT, CLOCK), CLOCK);
        AdminSettings settings = AdminSettings.of(Map.of("store", store.toString(), "policy", policy.toString()));
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new KeystoreRoutes(settings, provider).define(service);
        new PolicyRoutes(settings, "gateway.example"::equals).define(service);
        new ConsoleRoutes().define(service);
        new AuditRoutes(new org.smimegateway.audit.RecentAuditEvents(10)).define(service);
        new PasswordChannelRoutes(() -> settings).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.stop();
        service.awaitStop();
        fileStore.close();
    }

    @Test
    void aRecipientCertificateImportedOverHttpIsChosenForItsAddressAtOnce() throws Exception {
        send("POST", "/smime-gateway/anchors", Pem.certificates(List.of(CA.root())), Map.of());
        send("POST", "/smime-gateway/intermediates", CA.intermediate().getEncoded(), Map.of());
        IssuedCertificate bob = new EndUserIssuer(CLOCK).issue(CA.issuing(), new EndUserRequest("bob@partner.example",
            Optional.empty(), KeyAlgorithm.EC_P256, 10, Optional.empty()), Optional.empty(), Optional.empty());

        HttpResponse<String> imported = send("POST", "/smime-gateway/certificates",
            Pem.certificates(List.of(bob.certificate())), Map.of("Content-Type", "application/x-pem-file"));

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(imported.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
            .startsWith("application/json"));
        String sha256 = JSON.readTree(imported.body()).get(0).get("sha256").asText();
        JsonNode search = JSON.readTree(send("GET", "/smime-gateway/certificates?address=bob@partner.example", null,
            Map.of()).body());
        assertThat(search.get("usable").get(0).get("sha256").asText()).isEqualTo(sha256);
        assertThat(JSON.readTree(send("GET", "/smime-gateway/certificates", null, Map.of()).body())
            .findValuesAsText("sha256")).containsExactly(sha256);
        JsonNode detail = JSON.readTree(send("GET", "/smime-gateway/certificates/" + sha256, null, Map.of()).body());
        assertThat(detail.get("trust").get("verdict").asText()).isEqualTo("trusted");
        assertThat(detail.get("chain")).hasSize(2);
    }

    @Test
    void refusalsAreJamesErrorBodies() throws Exception {
        HttpResponse<String> bad = send("POST", "/smime-gateway/certificates",
            "no certificate here".getBytes(StandardCharsets.US_ASCII), Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(bad.body());
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).startsWith("body: not a certificate");

        HttpResponse<String> unknown = send("DELETE", "/smime-gateway/anchors/" + "ab".repeat(32), null, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("type").asText()).isEqualTo("notFound");

        HttpResponse<String> noPassword = send("POST", "/smime-gateway/certificates", new byte[] {0x30},
            Map.of("Content-Type", "application/x-pkcs12"));
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPassword.body()).get("message").asText()).contains("X-Pkcs12-Password");
    }

    @Test
    void effectivePolicyNamesTheRuleAndTheChainAndLocalityFallsBackToJamesDomains() throws Exception {
        JsonNode effective = JSON.readTree(send("GET", "/smime-gateway/policy/effective?address=bob@partner.example",
            null, Map.of()).body());

        JsonNode encrypt = effective.get("settings").get("encrypt");
        assertThat(encrypt.get("value").asText()).isEqualTo("mandatory");
        assertThat(encrypt.get("chain").findValuesAsText("description"))
            .containsExactly("domain partner.example", "global", "built-in default");
        assertThat(effective.get("settings").get("locality").get("value").asText()).isEqualTo("external");
        assertThat(JSON.readTree(send("GET", "/smime-gateway/policy/effective?address=amy@gateway.example", null,
            Map.of()).body()).get("settings").get("locality").get("value").asText()).isEqualTo("internal");
        assertThat(effective.get("policy").get("status").asText()).isEqualTo("current");
    }

    @Test
    void thePolicyFileIsAnsweredAsItIsOnDisk() throws Exception {
        JsonNode file = JSON.readTree(send("GET", "/smime-gateway/policy/file", null, Map.of()).body());
        assertThat(file.get("content").asText()).isEqualTo(Files.readString(root.resolve("policy.xml")));
        assertThat(file.get("file").asText()).isEqualTo(root.resolve("policy.xml").toString());
        assertThat(file.get("sha256").asText()).hasSize(64);
    }

    /** Every {@code METHOD /smime-gateway/...} the README names answers from our routes, not Spark's "not found". */
    @Test
    void everyRouteTheReadmeDocumentsExists() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher routes = Pattern.compile("`(GET|POST|PUT|DELETE)(?:`, `(?:GET|POST|PUT|DELETE))* (/smime-gateway/[^`?\\[ ]*)")
            .matcher(readme);
        Set<String> documented = new LinkedHashSet<>();
        while (routes.find()) {
            // The CA and mail routes need James's spool and mail repositories: CaAndMailRoutesIT calls them in James.
            if (!routes.group(2).startsWith("/smime-gateway/ca") && !routes.group(2).startsWith("/smime-gateway/mail")) {
                documented.add(routes.group(1) + " " + routes.group(2));
            }
        }
        assertThat(documented).contains("GET /smime-gateway/certificates", "POST /smime-gateway/crls",
            "PUT /smime-gateway/policy", "POST /smime-gateway/keystore/cache/flush", "GET /smime-gateway/audit",
            "GET /smime-gateway/channels", "POST /smime-gateway/channels/{name}/test",
            "GET /smime-gateway/policy/rules", "PUT /smime-gateway/policy/rules/domains/{domain}",
            "DELETE /smime-gateway/policy/rules/users/{address}");
        for (String route : documented) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("<sha256>", "cd".repeat(32))
                .replace("{name}", "file").replace("{domain}", "nowhere.example")
                .replace("{address}", "nobody@nowhere.example");
            HttpResponse<String> answer = send(method, path, method.equals("GET") || method.equals("DELETE") ? null
                : new byte[0], Map.of());
            if (path.startsWith(ConsoleRoutes.FORMER_PATH)) {
                // The console's former address, now a redirect (the page itself is outside /smime-gateway/).
                assertThat(answer.statusCode()).as(route).isEqualTo(301);
                assertThat(answer.headers().firstValue("Location")).as(route).hasValue(ConsoleRoutes.BASE_PATH);
                continue;
            }
            assertThat(answer.statusCode() == 204 || answer.body().startsWith("{") || answer.body().startsWith("["))
                .as(route + " -> " + answer.statusCode() + " " + answer.body()).isTrue();
        }
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
