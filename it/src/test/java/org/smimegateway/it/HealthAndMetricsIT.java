package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.WebAdminClient;
import org.smimegateway.it.tools.OpenSslPki;

/**
 * The gateway seen as a James operator sees it: its health checks in James's own list (GET /healthcheck), one by one
 * (GET /healthcheck/checks/{name}), and its metrics in James's Prometheus export (GET /metrics) after mail went
 * through, on the gateway sample (stock conf + merge).
 */
class HealthAndMetricsIT {
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String PASSWORD = "secret";
    private static X509Certificate bobExpiringSoon;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .user(BOB, PASSWORD)
        .beforeStart(HealthAndMetricsIT::provisionKeystore);

    private static WebAdminClient webAdmin;

    private static void provisionKeystore(Path root) throws Exception {
        OpenSslPki pki = OpenSslPki.create(Files.createDirectories(root.resolve("pki")), "Health IT CA");
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        key(store, pki.issue(ALICE));
        // The gateway's own key for Bob runs out in ten days: inside the default 30-day horizon.
        OpenSslPki.Identity bob = pki.issue(BOB, 10);
        key(store, bob);
        try (InputStream in = Files.newInputStream(bob.certificate())) {
            bobExpiringSoon = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Files.copy(pki.issue(CAROL).certificate(), store.resolve("certs/carol.pem"));
    }

    private static void key(Path store, OpenSslPki.Identity identity) throws Exception {
        String name = identity.address().substring(0, identity.address().indexOf('@'));
        Files.copy(identity.pkcs12(), store.resolve("keys/" + name + ".p12"));
        Files.writeString(store.resolve("keys/" + name + ".p12.pass"), identity.p12Password());
    }

    @BeforeAll
    static void client() {
        webAdmin = new WebAdminClient(james.gateway().webAdminPort());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check's answer as "status body". */
    private static String check(String name) {
        WebAdminClient.Answer answer = webAdmin.get("/healthcheck/checks/" + name.replace(" ", "%20"));
        return answer.status() + " " + answer.body();
    }

    @Test
    void ourChecksAreListedInJamessHealthCheckWithTheirStatus() throws Exception {
        WebAdminClient.Answer all = webAdmin.get("/healthcheck");

        JsonNode body = JSON.readTree(all.body());
        java.util.Map<String, String> statuses = new java.util.TreeMap<>();
        body.get("checks").forEach(c -> statuses.put(c.get("componentName").asText(), c.get("status").asText()));
        assertThat(statuses).containsEntry("smime-gateway keystore", "healthy")
            .containsEntry("smime-gateway policy", "healthy")
            .containsEntry("smime-gateway CRLs", "healthy")
            .containsEntry("smime-gateway expiry", "degraded")
            // No native provider in this James's extensions-jars/: the JDK is a correct choice, not a degradation.
            .containsEntry("smime-gateway crypto", "healthy");
        // James's own checks are still there: ours are added to its list.
        assertThat(statuses.keySet()).anyMatch(name -> !name.startsWith("smime-gateway"));
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(all.status()).isEqualTo(200);
    }

    @Test
    void theExpiryCheckNamesTheGatewayCertificateThatRunsOutWithinTheHorizon() throws Exception {
        WebAdminClient.Answer answer = webAdmin.get("/healthcheck/checks/smime-gateway%20expiry");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode check = JSON.readTree(answer.body());
        assertThat(check.get("componentName").asText()).isEqualTo("smime-gateway expiry");
        assertThat(check.get("escapedComponentName").asText()).isEqualTo("smime-gateway%20expiry");
        assertThat(check.get("status").asText()).isEqualTo("degraded");
        assertThat(check.get("cause").asText()).startsWith("expiring within 30 days: gateway certificate "
                + bobExpiringSoon.getSubjectX500Principal().getName())
            .contains("serial " + bobExpiringSoon.getSerialNumber().toString(16))
            .doesNotContain("alice");
    }

    @Test
    void aBrokenPolicyEditMakesThePolicyCheckDegradedWithTheErrorUntilItIsRepaired() throws Exception {
        Path policy = james.gateway().root().resolve("conf/smime-policy.xml");
        byte[] good = Files.readAllBytes(policy);
        try {
            Files.writeString(policy, new String(good, StandardCharsets.UTF_8)
                .replace("<encrypt>allow</encrypt>", "<encrypt>sometimes</encrypt>"));

            String degraded = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> check("smime-gateway policy"), a -> a.contains("\"status\":\"degraded\""));
            assertThat(degraded).startsWith("200 ").contains("not applied: ", "sometimes",
                "keeping the policy loaded at ");
        } finally {
            Files.write(policy, good);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
            .until(() -> check("smime-gateway policy"), a -> a.contains("\"status\":\"healthy\""));
    }

    @Test
    void mailThroughTheGatewayShowsInOurMetrics() throws Exception {
        long signedBefore = counter("smimegateway_signed");
        long encryptedBefore = counter("smimegateway_encrypted_aes128_cbc");
        long strippedBefore = counter("smimegateway_stripped");
        byte[] message = ("From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: metrics\r\nMessage-ID: <metrics-"
            + System.nanoTime() + "@test>\r\nX-Smime-Signer-Verified-0-0: True\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nCounted, never logged.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), message);

        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.gateway().outgoing().stream()
                .anyMatch(mail -> new String(mail.message(), StandardCharsets.US_ASCII).contains("application/pkcs7-mime")));
        assertThat(counter("smimegateway_signed")).isEqualTo(signedBefore + 1);
        assertThat(counter("smimegateway_encrypted_aes128_cbc")).isEqualTo(encryptedBefore + 1);
        assertThat(counter("smimegateway_stripped")).isEqualTo(strippedBefore + 1);
        String metrics = webAdmin.get("/metrics").body();
        assertThat(metrics).contains("# TYPE smimegateway_signed_total counter").containsPattern("(?m)^smimegateway_mailet_SmimeSign_count [1-9]")
            .containsPattern("(?m)^smimegateway_mailet_SmimeEncrypt_count [1-9]")
            .containsPattern("(?m)^smimegateway_mailet_StripSecurityInfoHeaders_count [1-9]");
    }

    @Test
    void mailQuarantinedForWantOfACertificateIsCounted() throws Exception {
        long before = counter("smimegateway_quarantined");
        byte[] message = ("From: " + ALICE + "\r\nTo: nobody@mandatory.test\r\nSubject: quarantine\r\nMessage-ID: <q-"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Policy says encrypt; no certificate.\r\n").getBytes(StandardCharsets.US_ASCII);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of("nobody@mandatory.test"), message);

        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> counter("smimegateway_quarantined"), count -> count == before + 1);
        assertThat(james.gateway().repository("memory://var/mail/quarantine/"))
            .anyMatch(mail -> mail.recipients().contains("nobody@mandatory.test"));
    }

    /**
     * A counter's value in James's Prometheus export (James's metric is a Dropwizard meter, exported as the counter
     * {@code <name>_total}); 0 while it does not exist yet.
     */
    private static long counter(String name) {
        WebAdminClient.Answer answer = webAdmin.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        Matcher value = Pattern.compile("(?m)^" + name + "_total ([0-9.E]+)$").matcher(answer.body());
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }
}
