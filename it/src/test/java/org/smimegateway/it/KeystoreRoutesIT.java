package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.MailText.headersOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.WebAdminClient;
import org.smimegateway.it.harness.WebAdminClient.Answer;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * The keystore and policy WebAdmin routes on a real James 3.8.1 with the sample configuration, over HTTP as an
 * operator calls them: trust material, a sender's PKCS#12 and a recipient's certificate imported through WebAdmin
 * decide the very next mail (encrypted to the recipient, readable by openssl with her key); a deleted certificate and
 * an imported CRL apply to the next mail without waiting for a rescan or a cache TTL (the store's rescans are
 * turned off here, so only the routes' flush can make the gateway see a change). Bad input is a 400 with a
 * message, an unknown fingerprint a 404. The policy routes report the loaded file, explain the effective settings
 * with their inheritance chain, validate without applying, and replace the file keeping a backup.
 */
class KeystoreRoutesIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String PEM = "application/x-pem-file";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenSslPki pki;
    private static OpenSslPki otherCa;
    private static OpenSslPki.Identity alice;
    private static OpenSslPki.Identity carol;
    private static Path work;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(root -> {
            // No rescans at all (neither periodic nor on file system events): only the routes' flush can make the
            // gateway see what they write, so every "next mail" below proves the flush, not a quick rescan.
            Path keystore = root.resolve("conf/smime-gateway/keystore.xml");
            String stock = Files.readString(keystore);
            assertThat(stock).contains("<rescanInterval>5s</rescanInterval>");
            Files.writeString(keystore, stock.replace("<rescanInterval>5s</rescanInterval>",
                "<rescanInterval>0s</rescanInterval>"));
            work = Files.createDirectories(root.resolve("routes-it"));
            pki = OpenSslPki.create(work.resolve("ca"), "Routes IT CA");
            otherCa = OpenSslPki.create(work.resolve("other-ca"), "Routes IT Other CA");
            alice = pki.issue(ALICE);
            carol = pki.issue(CAROL);
        });

    @Test
    void certificatesImportedDeletedAndRevokedThroughWebAdminDecideTheVeryNextMail() throws Exception {
        String caFp = fingerprint(pki.caCertificate());
        String carolFp = fingerprint(carol.certificate());
        JsonNode anchors = json(webAdmin().post("/smime-gateway/anchors", PEM, Files.readAllBytes(pki.caCertificate())),
            201);
        assertThat(anchors.get(0).get("sha256").asText()).isEqualTo(caFp);
        assertThat(anchors.get(0).get("ca").asBoolean()).isTrue();
        assertThat(json(webAdmin().get("/smime-gateway/anchors"), 200).findValuesAsText("sha256")).contains(caFp);

        JsonNode key = json(postPkcs12(Files.readAllBytes(alice.pkcs12()), alice.p12Password()), 201);
        assertThat(key.get(0).get("file").asText()).startsWith("keys/" + ALICE + "-").endsWith(".p12");
        JsonNode imported = json(webAdmin().post("/smime-gateway/certificates", PEM,
            Files.readAllBytes(carol.certificate())), 201);
        assertThat(imported.get(0).get("addresses").get(0).asText()).isEqualTo(CAROL);
        assertThat(imported.get(0).get("file").asText()).startsWith("certs/" + CAROL + "-");

        JsonNode search = json(webAdmin().get("/smime-gateway/certificates?address=" + CAROL), 200);
        assertThat(search.get("lookup").asText()).isEqualTo("found");
        assertThat(search.get("usable").get(0).get("sha256").asText()).isEqualTo(carolFp);
        assertThat(search.get("usable").get(0).get("source").asText()).isEqualTo("file");
        assertThat(search.get("stored").findValuesAsText("sha256")).containsExactly(carolFp);
        assertThat(json(webAdmin().get("/smime-gateway/certificates"), 200).findValuesAsText("sha256"))
            .containsExactlyInAnyOrder(carolFp, fingerprint(alice.certificate()));
        JsonNode aliceSearch = json(webAdmin().get("/smime-gateway/certificates?address=" + ALICE), 200);
        assertThat(aliceSearch.get("signing").get("sha256").asText()).isEqualTo(fingerprint(alice.certificate()));

        JsonNode detail = json(webAdmin().get("/smime-gateway/certificates/" + carolFp.toUpperCase()), 200);
        assertThat(detail.get("trust").get("verdict").asText()).isEqualTo("trusted");
        assertThat(detail.get("chain").findValuesAsText("sha256")).containsExactly(caFp);
        assertThat(detail.get("certificate").get("serial").asText()).isEqualTo(serial(carol.certificate()));
        assertThat(detail.get("certificate").get("keyUsage")).extracting(JsonNode::asText)
            .containsExactly("digitalSignature", "keyEncipherment");

        submit(CAROL, "imported", "Figures: 41.\r\n");
        RepositoryMail encrypted = awaitOutgoing("imported");
        assertThat(headersOf(encrypted.message())).contains("application/pkcs7-mime").contains("enveloped-data");
        String decrypted = new String(new OpenSslCms(work).decrypt(encrypted.message(), carol).assertSuccess().stdout(),
            StandardCharsets.ISO_8859_1);
        assertThat(decrypted).contains("Figures: 41.");

        JsonNode deleted = json(webAdmin().delete("/smime-gateway/certificates/" + carolFp), 200);
        assertThat(deleted.get("deleted").get(0).asText()).startsWith("certs/" + CAROL + "-");
        assertThat(json(webAdmin().get("/smime-gateway/certificates?address=" + CAROL), 200).get("lookup").asText())
            .isEqualTo("notFound");
        submit(CAROL, "deleted", "Figures: 42.\r\n");
        assertThat(headersOf(awaitOutgoing("deleted").message())).doesNotContain("enveloped-data")
            .contains("multipart/signed");

        json(webAdmin().post("/smime-gateway/certificates", PEM, Files.readAllBytes(carol.certificate())), 201);
        JsonNode crl = json(webAdmin().post("/smime-gateway/crls", PEM, revocationList(carol)), 201);
        assertThat(crl.get("entries").asInt()).isEqualTo(1);
        assertThat(crl.get("fresh").asBoolean()).isTrue();
        assertThat(crl.get("issuerKnown").asBoolean()).isTrue();
        assertThat(crl.get("file").asText()).startsWith("crls/");
        // No pause: the import flushed the live keystore, so the very next look-up sees the revocation.
        JsonNode revoked = json(webAdmin().get("/smime-gateway/certificates?address=" + CAROL), 200);
        assertThat(revoked.get("usable")).isEmpty();
        assertThat(revoked.get("rejected").get(0).get("reason").asText()).contains("revoked");
        assertThat(json(webAdmin().get("/smime-gateway/certificates/" + carolFp), 200).get("trust").get("verdict")
            .asText()).isEqualTo("revoked");
        submit(CAROL, "revoked", "Figures: 43.\r\n");
        RepositoryMail refused = awaitOutgoing("revoked");
        assertThat(headersOf(refused.message())).doesNotContain("enveloped-data").contains("multipart/signed");
        assertThat(new String(refused.message(), StandardCharsets.ISO_8859_1)).contains("Figures: 43.");
        assertThat(json(webAdmin().get("/smime-gateway/crls"), 200).findValuesAsText("sha256"))
            .containsExactly(crl.get("sha256").asText());
    }

    @Test
    void intermediatesCacheFlushAndErrorsAnswerAsJamesDoes() throws Exception {
        String otherFp = fingerprint(otherCa.caCertificate());
        assertThat(json(webAdmin().post("/smime-gateway/intermediates", PEM,
            Files.readAllBytes(otherCa.caCertificate())), 201).get(0).get("sha256").asText()).isEqualTo(otherFp);
        assertThat(json(webAdmin().get("/smime-gateway/intermediates"), 200).findValuesAsText("sha256"))
            .containsExactly(otherFp);
        assertThat(json(webAdmin().delete("/smime-gateway/intermediates/" + otherFp), 200).get("deleted").get(0)
            .asText()).startsWith("intermediates/");
        assertThat(json(webAdmin().get("/smime-gateway/intermediates"), 200)).isEmpty();
        assertError(webAdmin().delete("/smime-gateway/intermediates/" + otherFp), 404, "notFound", "no intermediate");

        assertThat(webAdmin().post("/smime-gateway/keystore/cache/flush", "text/plain", new byte[0]).status())
            .isEqualTo(204);

        assertError(webAdmin().post("/smime-gateway/certificates", PEM,
            "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)),
            400, "InvalidArgument", "body: not a certificate");
        assertError(webAdmin().post("/smime-gateway/intermediates", PEM, Files.readAllBytes(carol.certificate())),
            400, "InvalidArgument", "not a CA certificate");
        assertError(webAdmin().post("/smime-gateway/crls", PEM, "garbage".getBytes(StandardCharsets.US_ASCII)),
            400, "InvalidArgument", "not a CRL");
        assertError(postPkcs12(Files.readAllBytes(alice.pkcs12()), "wrong"), 400, "InvalidArgument",
            "cannot open the PKCS#12");
        assertError(webAdmin().get("/smime-gateway/certificates/" + "0".repeat(64)), 404, "notFound",
            "no certificate with SHA-256 fingerprint");
        assertError(webAdmin().get("/smime-gateway/certificates/xyz"), 400, "InvalidArgument", "not a SHA-256");
        assertError(webAdmin().get("/smime-gateway/certificates?address=not-an-address"), 400, "InvalidArgument",
            "address");
    }

    @Test
    void policyRoutesReportExplainValidateAndReplaceKeepingABackup() throws Exception {
        JsonNode status = json(webAdmin().get("/smime-gateway/policy/status"), 200);
        assertThat(status.get("status").asText()).isEqualTo("current");
        assertThat(status.get("file").asText()).endsWith("smime-policy.xml");
        assertThat(status.get("loadedAt").asText()).isNotBlank();

        JsonNode frank = json(webAdmin().get("/smime-gateway/policy/effective?address=Frank@Mandatory.test"), 200);
        assertThat(frank.get("address").asText()).isEqualTo("frank@mandatory.test");
        JsonNode encrypt = frank.get("settings").get("encrypt");
        assertThat(encrypt.get("value").asText()).isEqualTo("mandatory");
        assertThat(encrypt.get("source").get("level").asText()).isEqualTo("domain");
        assertThat(encrypt.get("source").get("rule").asText()).isEqualTo("mandatory.test");
        assertThat(encrypt.get("chain").findValuesAsText("level")).containsExactly("domain", "global", "built_in");
        assertThat(encrypt.get("chain").findValuesAsText("value")).containsExactly("mandatory", "allow", "allow");
        JsonNode locality = json(webAdmin().get("/smime-gateway/policy/effective?address=" + ALICE), 200)
            .get("settings").get("locality");
        assertThat(locality.get("value").asText()).isEqualTo("internal");
        assertThat(locality.get("source").get("level").asText()).isEqualTo("local_domains");
        assertError(webAdmin().get("/smime-gateway/policy/effective"), 400, "InvalidArgument", "address");

        Path file = Path.of(status.get("file").asText());
        byte[] original = Files.readAllBytes(file);
        JsonNode ok = json(webAdmin().post("/smime-gateway/policy/validate", "application/xml", original), 200);
        assertThat(ok.get("valid").asBoolean()).isTrue();
        JsonNode broken = json(webAdmin().post("/smime-gateway/policy/validate", "application/xml",
            "<policy>\n  <global>\n    <encrypt>allow</encrypt>\n</policy>\n".getBytes(StandardCharsets.UTF_8)), 200);
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("line").asInt()).isEqualTo(4);
        assertThat(broken.get("error").asText()).contains("line 4");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);

        assertError(webAdmin().put("/smime-gateway/policy", "application/xml",
            "<policy><global><encrypt>sometimes</encrypt></global></policy>".getBytes(StandardCharsets.UTF_8)),
            400, "InvalidArgument", "sometimes");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        byte[] edited = new String(original, StandardCharsets.UTF_8)
            .replace("<domain name=\"none.test\">\n        <encrypt>none</encrypt>",
                "<domain name=\"none.test\">\n        <encrypt>mandatory</encrypt>")
            .getBytes(StandardCharsets.UTF_8);
        assertThat(edited).isNotEqualTo(original);
        try {
            JsonNode replaced = json(webAdmin().put("/smime-gateway/policy", "application/xml", edited), 200);
            assertThat(Files.readAllBytes(Path.of(replaced.get("backup").asText()))).isEqualTo(original);
            assertThat(replaced.get("policy").get("status").asText()).isEqualTo("current");
            assertThat(json(webAdmin().get("/smime-gateway/policy/effective?address=x@none.test"), 200)
                .get("settings").get("encrypt").get("value").asText()).isEqualTo("mandatory");
        } finally {
            json(webAdmin().put("/smime-gateway/policy", "application/xml", original), 200);
        }
        assertThat(json(webAdmin().get("/smime-gateway/policy/effective?address=x@none.test"), 200)
            .get("settings").get("encrypt").get("value").asText()).isEqualTo("none");
    }

    private static WebAdminClient webAdmin() {
        return new WebAdminClient(james.gateway().webAdminPort());
    }

    /** The PKCS#12 password goes in a header (never the query string, which access logs keep). */
    private static Answer postPkcs12(byte[] pkcs12, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + james.gateway().webAdminPort()
                + "/smime-gateway/certificates"))
            .header("Content-Type", "application/x-pkcs12").header("X-Pkcs12-Password", password)
            .POST(HttpRequest.BodyPublishers.ofByteArray(pkcs12)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
            response.headers().firstValue("Content-Type").orElse(""));
    }

    private static JsonNode json(Answer answer, int status) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static void assertError(Answer answer, int status, String type, String message) throws IOException {
        JsonNode error = json(answer, status);
        assertThat(error.get("statusCode").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).contains(message);
    }

    /** A CRL of the test CA revoking {@code identity}, made with {@code openssl ca -gencrl}. */
    private static byte[] revocationList(OpenSslPki.Identity identity) throws IOException {
        Path ca = pki.caCertificate().getParent();
        Files.writeString(ca.resolve("crl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\n"
            + "default_md=sha256\ndefault_crl_days=7\n");
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("crlnumber"), "01\n");
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        openssl.run(ca, null, "ca", "-config", "crl.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-revoke",
            identity.certificate().toString()).assertSuccess();
        openssl.run(ca, null, "ca", "-config", "crl.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-gencrl",
            "-out", "crl.pem").assertSuccess();
        return Files.readAllBytes(ca.resolve("crl.pem"));
    }

    private static String fingerprint(Path pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))).getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String serial(Path pem) throws Exception {
        return ((java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)))).getSerialNumber().toString(16);
    }

    private static void submit(String to, String subject, String body) throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + body).getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(to), message);
    }

    private static RepositoryMail awaitOutgoing(String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing().stream()
            .filter(m -> headersOf(m.message()).contains("Subject: " + subject)).toList(), l -> !l.isEmpty()).get(0);
    }

}
