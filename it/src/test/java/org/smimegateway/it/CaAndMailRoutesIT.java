package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.Pkcs12Mail;
import org.smimegateway.it.harness.WebAdminClient;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.contract.SlapdServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;

/**
 * The CA and mail routes on a real James 3.8.1 with the sample (gateway + gateway-ldap, a real slapd): the CA is
 * created, issues and revokes over WebAdmin only; an external user's PKCS#12 leaves James by its own spool and its
 * password reaches the file channel; a revocation applies to the very next mail; quarantined mail is listed, read and
 * deleted, and mail held during a directory outage is released through the route and leaves encrypted. The sample's
 * held retries are shortened to one after 2 seconds, the directory cache to 1 second; nothing else is changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaAndMailRoutesIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String FRANK = "frank@mandatory.test";
    private static final String DAVE = "dave@remote.test";
    private static final String QUARANTINE = "memory://var/mail/quarantine/";
    private static final String HELD = "memory://var/mail/held/";
    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Only before the first mails, while the gateway first learns the new CA; never after a revocation. */
    private static final Duration SETTLE = Duration.ofMillis(1500);

    private static Path root;
    private static Path pkiDir;
    private static SlapdServer directory;
    private static OpenSslPki.Identity dave;
    private static OpenSslPki.Identity carol;
    private static String frankSerial;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway", "gateway-ldap")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(CaAndMailRoutesIT::provision);

    private static void provision(Path jamesRoot) throws Exception {
        root = jamesRoot;
        Files.writeString(root.resolve("conf/smime-gateway/ca.password"), "a long CA passphrase\n");
        pkiDir = Files.createDirectories(root.resolve("pki"));
        OpenSslPki pki = OpenSslPki.create(pkiDir, "Directory Test CA");
        dave = pki.issue(DAVE);
        Files.copy(pki.caCertificate(), root.resolve("conf/smime-gateway/store/anchors/directory-ca.pem"));

        requireSlapd();
        directory = SlapdServer.start(Files.createDirectories(root.resolve("slapd")));
        byte[] der = CertificateFactory.getInstance("X.509")
            .generateCertificate(Files.newInputStream(dave.certificate())).getEncoded();
        try (LDAPConnection admin = directory.connect()) {
            admin.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "people")));
            admin.add(new Entry("cn=Dave," + PEOPLE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("cn", "Dave"), new Attribute("sn", "Remote"), new Attribute("mail", DAVE),
                new Attribute("userCertificate;binary", der)));
        }
        Path keystore = root.resolve("conf/smime-gateway/keystore.xml");
        Files.writeString(keystore, replaceExactly(Files.readString(keystore),
            "127.0.0.1:10389", directory.address(),
            "<baseDn>ou=people,dc=gateway,dc=test</baseDn>", "<baseDn>" + PEOPLE + "</baseDn>",
            "<cacheTtl>1m</cacheTtl>", "<cacheTtl>1s</cacheTtl>"));
        Path mailets = root.resolve("conf/mailetcontainer.xml");
        Files.writeString(mailets, replaceExactly(Files.readString(mailets),
            "<delay>5minutes</delay>", "<delay>2seconds</delay>",
            "AtMost=smimegateway.held.attempts:12", "AtMost=smimegateway.held.attempts:1"));
    }

    private static String replaceExactly(String text, String... pairs) {
        String result = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(result.split(java.util.regex.Pattern.quote(pairs[i]), -1)).as(pairs[i]).hasSize(2);
            result = result.replace(pairs[i], pairs[i + 1]);
        }
        return result;
    }

    private static void requireSlapd() {
        if (SlapdServer.installed()) {
            return;
        }
        String message = "OpenLDAP slapd is not installed (" + SlapdServer.SLAPD + "); install the Debian package "
            + "'slapd' to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    private static WebAdminClient webAdmin() {
        return new WebAdminClient(james.gateway().webAdminPort());
    }

    private static JsonNode json(WebAdminClient.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    @Test
    @Order(1)
    void withoutACaEveryCaActIsRefusedWithAClearMessage() throws Exception {
        WebAdminClient.Answer status = webAdmin().get("/smime-gateway/ca");
        assertThat(status.status()).isEqualTo(200);
        assertThat(json(status).get("exists").asBoolean()).isFalse();
        assertThat(json(status).get("passwordFileReadable").asBoolean()).isTrue();

        WebAdminClient.Answer issue = webAdmin().postJson("/smime-gateway/ca/issue",
            "{\"address\":\"" + ALICE + "\",\"kind\":\"internal\"}");
        assertThat(issue.status()).as(issue.body()).isEqualTo(409);
        assertThat(json(issue).get("message").asText()).contains("there is no CA yet").contains("POST /smime-gateway/ca");
        assertThat(webAdmin().get("/smime-gateway/ca/crl").status()).isEqualTo(409);
        assertThat(webAdmin().postJson("/smime-gateway/ca/revoke", "{\"serial\":\"01\"}").status()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void theCaIsCreatedOnceAndASecondCreateIsRefused() throws Exception {
        WebAdminClient.Answer created = webAdmin().postJson("/smime-gateway/ca", "{\"organization\":\"Routes IT\","
            + "\"rootCommonName\":\"Routes IT Root\",\"intermediateCommonName\":\"Routes IT Issuing\","
            + "\"keyAlgorithm\":\"ec_p256\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode status = json(created);
        assertThat(status.get("exists").asBoolean()).isTrue();
        assertThat(status.get("intermediate").get("subject").asText()).isEqualTo("CN=Routes IT Issuing,O=Routes IT");
        assertThat(status.get("crlNumber").isNull()).isFalse();
        assertThat(status.get("revoked").asInt()).isZero();

        WebAdminClient.Answer again = webAdmin().postJson("/smime-gateway/ca", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).contains("already exists");
        assertThat(webAdmin().postJson("/smime-gateway/ca/issue", "{\"address\":\"x@y.test\",\"kind\":\"friend\"}")
            .body()).contains("'kind' = 'friend'", "external", "internal");
    }

    @Test
    @Order(3)
    void anExternalUsersPkcs12LeavesByMailAndOpensWithThePasswordFromTheChannel() throws Exception {
        WebAdminClient.Answer issued = webAdmin().postJson("/smime-gateway/ca/issue",
            "{\"address\":\"" + CAROL + "\",\"kind\":\"external\",\"phone\":\"+49 170 0000000\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode report = json(issued);
        assertThat(report.get("filed").asBoolean()).isTrue();
        assertThat(report.get("keyKept").asBoolean()).isFalse();
        assertThat(report.get("mail").get("accepted").asBoolean()).isTrue();
        assertThat(report.get("password").get("delivered").asBoolean()).isTrue();

        String password = Pkcs12Mail.passwordOf(root.resolve("conf/smime-gateway/store/ca"), CAROL);
        assertThat(issued.body()).doesNotContain(password);
        RepositoryMail mail = awaitOutgoing(CAROL, "Subject: Your S/MIME certificate");
        assertThat(mail.sender()).isEqualTo("certificates@gateway.test");
        byte[] pkcs12 = Pkcs12Mail.attachment(mail.message(), ".p12");
        KeyStore opened = KeyStore.getInstance("PKCS12");
        opened.load(new ByteArrayInputStream(pkcs12), password.toCharArray());
        String alias = Collections.list(opened.aliases()).get(0);
        X509Certificate certificate = (X509Certificate) opened.getCertificate(alias);
        assertThat(certificate.getSerialNumber().toString(16)).isEqualTo(report.get("serial").asText());
        assertThat(certificate.getSubjectAlternativeNames()).anySatisfy(name -> assertThat(name.get(1)).isEqualTo(CAROL));
        carol = identity(CAROL, (PrivateKey) opened.getKey(alias, password.toCharArray()), certificate);

        HttpResponse<byte[]> download = webAdmin().getBytes(report.get("pkcs12").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");
        assertThat(download.body()).isEqualTo(pkcs12);
    }

    @Test
    @Order(4)
    void anInternalUserGetsNothingBackAndTheirMailLeavesSignedAndEncrypted() throws Exception {
        WebAdminClient.Answer issued = webAdmin().postJson("/smime-gateway/ca/issue",
            "{\"address\":\"" + ALICE + "\",\"kind\":\"INTERNAL\",\"name\":\"Alice\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(JSON.readTree(issued.body()).fieldNames()).toIterable()
            .containsExactly("address", "serial", "kind", "filed", "keyKept", "succeeded");
        Thread.sleep(SETTLE.toMillis());

        submit(CAROL, "to carol", "Figures: 42.");
        RepositoryMail relayed = awaitOutgoing(CAROL, "Subject: to carol");
        assertThat(headersOf(relayed.message())).contains("application/pkcs7-mime").contains("enveloped-data");
        String plain = new OpenSslCms(pkiDir.resolve("d" + System.nanoTime())).decrypt(relayed.message(), carol)
            .assertSuccess().stdoutText();
        assertThat(plain).contains("multipart/signed").contains("application/pkcs7-signature").contains("Figures: 42.");
    }

    @Test
    @Order(5)
    void aRevocationOverWebAdminAppliesToTheVeryNextMail() throws Exception {
        WebAdminClient.Answer issued = webAdmin().postJson("/smime-gateway/ca/issue",
            "{\"address\":\"" + FRANK + "\",\"kind\":\"external\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        frankSerial = json(issued).get("serial").asText();
        Thread.sleep(SETTLE.toMillis());
        submit(FRANK, "mandatory before", "Plan A.");
        assertThat(headersOf(awaitOutgoing(FRANK, "Subject: mandatory before").message())).contains("enveloped-data");

        WebAdminClient.Answer unknown = webAdmin().postJson("/smime-gateway/ca/revoke", "{\"serial\":\"badc0ffee\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).get("message").asText()).contains("badc0ffee was not issued by this CA");
        assertThat(webAdmin().postJson("/smime-gateway/ca/revoke", "{}").status()).isEqualTo(400);
        WebAdminClient.Answer dryRun = webAdmin().postJson("/smime-gateway/ca/revoke",
            "{\"address\":\"" + FRANK + "\",\"dryRun\":true}");
        assertThat(json(dryRun).get("wouldRevoke").findValuesAsText("serial")).containsExactly(frankSerial);
        assertThat(json(webAdmin().get("/smime-gateway/ca")).get("revoked").asInt()).isZero();

        WebAdminClient.Answer revoked = webAdmin().postJson("/smime-gateway/ca/revoke",
            "{\"serial\":\"" + frankSerial + "\",\"reason\":\"key_compromise\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("revoked").get(0).get("serial").asText()).isEqualTo(frankSerial);
        assertThat(json(revoked).get("crl").get("revokedSerials").toString()).contains(frankSerial);
        // No pause: the route flushed the gateway's caches.
        submit(FRANK, "mandatory after", "Plan B.");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().repository(QUARANTINE).stream()
            .anyMatch(m -> headersOf(m.message()).contains("Subject: mandatory after")));
        assertThat(james.gateway().outgoing()).noneMatch(m -> headersOf(m.message()).contains("Subject: mandatory after"));

        HttpResponse<byte[]> crl = webAdmin().getBytes("/smime-gateway/ca/crl");
        assertThat(crl.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        assertThat(parsed.getRevokedCertificate(new java.math.BigInteger(frankSerial, 16))).isNotNull();
        JsonNode status = json(webAdmin().get("/smime-gateway/ca"));
        assertThat(status.get("revoked").asInt()).isEqualTo(1);

        WebAdminClient.Answer published = webAdmin().post("/smime-gateway/ca/crl", "application/json", new byte[0]);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(json(published).get("revokedSerials").toString()).contains(frankSerial);
        assertThat(json(published).get("crlNumber").asLong()).isGreaterThan(status.get("crlNumber").asLong());
    }

    @Test
    @Order(6)
    void quarantinedMailIsListedReadAndDeleted() throws Exception {
        JsonNode repositories = json(webAdmin().get("/smime-gateway/mail"));
        assertThat(repositories.findValuesAsText("name")).contains("held", "quarantine", "structure-limit", "smime-error");

        JsonNode list = json(webAdmin().get("/smime-gateway/mail/quarantine"));
        JsonNode item = null;
        for (JsonNode mail : list.get("mails")) {
            if ("mandatory after".equals(mail.get("subject").asText())) {
                item = mail;
            }
        }
        assertThat(item).as(list.toString()).isNotNull();
        assertThat(item.get("sender").asText()).isEqualTo(ALICE);
        assertThat(item.get("recipients").toString()).contains(FRANK);
        String key = item.get("key").asText();

        JsonNode detail = json(webAdmin().get("/smime-gateway/mail/quarantine/" + key));
        assertThat(detail.get("headers").toString()).contains("Subject: mandatory after");
        assertThat(detail.get("trace").toString()).contains(FRANK);

        assertThat(webAdmin().delete("/smime-gateway/mail/quarantine/" + key).status()).isEqualTo(204);
        assertThat(webAdmin().get("/smime-gateway/mail/quarantine/" + key).status()).isEqualTo(404);
        assertThat(james.gateway().repository(QUARANTINE))
            .noneMatch(m -> headersOf(m.message()).contains("Subject: mandatory after"));
        assertThat(webAdmin().get("/smime-gateway/mail/nowhere").status()).isEqualTo(404);
        WebAdminClient.Answer tooMany = webAdmin().get("/smime-gateway/mail/quarantine?limit=1001");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("'limit' must be at most 1000");
    }

    @Test
    @Order(7)
    void mailHeldDuringADirectoryOutageIsReleasedThroughTheRouteAndLeavesEncrypted() throws Exception {
        directory.stop();
        submit(DAVE, "held for dave", "Held, then released.");
        Awaitility.await("mail in " + HELD).atMost(Duration.ofSeconds(40))
            .until(() -> !james.gateway().repository(HELD).isEmpty());
        JsonNode held = json(webAdmin().get("/smime-gateway/mail/held")).get("mails").get(0);
        assertThat(held.get("subject").asText()).isEqualTo("held for dave");
        assertThat(held.get("attributes").get("smimegateway.held.attempts").asInt()).isEqualTo(1);

        directory = directory.restart();
        Thread.sleep(2500); // the LDAP store does not dial again for 2 s after a failed connect
        WebAdminClient.Answer released = webAdmin().post("/smime-gateway/mail/held/" + held.get("key").asText()
            + "/release", "application/json", new byte[0]);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(json(released).get("state").asText()).isEqualTo("outgoing");

        RepositoryMail relayed = awaitOutgoing(DAVE, null);
        String plain = new OpenSslCms(pkiDir.resolve("d" + System.nanoTime())).decrypt(relayed.message(), dave)
            .assertSuccess().stdoutText();
        assertThat(plain).contains("Held, then released.").contains("multipart/signed");
        assertThat(james.gateway().repository(HELD)).isEmpty();
    }

    private static void submit(String to, String subject, String body) throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(to), message);
    }

    /** The one mail relayed to {@code recipient} whose headers contain {@code header} (any, when null). */
    private static RepositoryMail awaitOutgoing(String recipient, String header) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing().stream()
            .filter(m -> m.recipients().contains(recipient))
            .filter(m -> header == null || headersOf(m.message()).contains(header)).toList(), l -> !l.isEmpty()).get(0);
    }


    /** PEM files of a key and certificate, as OpenSslCms reads an identity. */
    private static OpenSslPki.Identity identity(String address, PrivateKey key, X509Certificate certificate)
        throws Exception {
        Path keyFile = pkiDir.resolve(address + ".key");
        Path certificateFile = pkiDir.resolve(address + ".pem");
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(certificateFile, "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
        return new OpenSslPki.Identity(address, certificateFile, keyFile, null, "");
    }
}
