package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.smimegateway.it.harness.ConsoleBrowser;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.contract.SlapdServer;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;

/**
 * Mail held because the directory (a real OpenLDAP slapd) was down leaves, encrypted, once it answers again: by
 * the sample's automatic retry ({@code held}: {@code AtMost} + {@code Requeue} back to {@code outgoing}), and, after
 * the retries ran out, by the one WebAdmin call conf-samples/README.md documents, or by an operator who releases it
 * in the web console's Queues view (a real headless Chromium). The sample's retry period (5
 * minutes, 12 times) is shortened here to 2 seconds, 4 times, and the directory cache to 1 second; nothing else of
 * the pipeline is changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeldMailRecoveryIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;
    private static final String HELD = "memory://var/mail/held/";
    private static final String ATTEMPTS = "smimegateway.held.attempts";
    private static final int RETRIES = 4;
    private static final String CERTIFICATE_LOOKUP = "RecipientHasEncryptionCertificate=keystore=default " + CAROL + ": ";

    private static SlapdServer directory;
    private static Path pkiDir;
    private static OpenSslPki.Identity carol;
    private static int webAdminPort;
    private static Path workDir;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway", "gateway-ldap")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(HeldMailRecoveryIT::provision);

    private static void provision(Path root) throws Exception {
        pkiDir = Files.createDirectories(root.resolve("pki"));
        OpenSslPki pki = OpenSslPki.create(pkiDir, "Held Mail Test CA");
        OpenSslPki.Identity alice = pki.issue(ALICE);
        carol = pki.issue(CAROL);
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
        Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());

        requireSlapd();
        directory = SlapdServer.start(Files.createDirectories(root.resolve("slapd")));
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(carol.certificate()))
            .getEncoded();
        try (LDAPConnection admin = directory.connect()) {
            admin.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "people")));
            admin.add(new Entry("cn=Carol," + PEOPLE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("cn", "Carol"), new Attribute("sn", "Remote"), new Attribute("mail", CAROL),
                new Attribute("userCertificate;binary", der)));
        }
        Path keystore = root.resolve("conf/smime-gateway/keystore.xml");
        Files.writeString(keystore, replaceExactly(Files.readString(keystore),
            "127.0.0.1:10389", directory.address(),
            "<baseDn>ou=people,dc=gateway,dc=test</baseDn>", "<baseDn>" + PEOPLE + "</baseDn>",
            // The second test needs carol's lookup to reach the stopped directory, not a cached answer.
            "<cacheTtl>1m</cacheTtl>", "<cacheTtl>1s</cacheTtl>"));

        Path mailets = root.resolve("conf/mailetcontainer.xml");
        Files.writeString(mailets, replaceExactly(Files.readString(mailets),
            "<delay>5minutes</delay>", "<delay>2seconds</delay>",
            "AtMost=" + ATTEMPTS + ":12", "AtMost=" + ATTEMPTS + ":" + RETRIES));

        webAdminPort = freePort();
        // The gateway's routes and console as the sample names them: the third test releases a held mail in the browser.
        Files.writeString(root.resolve("conf/webadmin.properties"),
            "enabled=true\nport=" + webAdminPort + "\nhost=127.0.0.1\nextensions.routes="
                + "org.smimegateway.webadmin.KeystoreRoutes,org.smimegateway.webadmin.MailRoutes,"
                + "org.smimegateway.webadmin.ConsoleRoutes\n");
        workDir = root;
    }

    /** Each pair: a text the sample must contain exactly once, and its replacement, so sample drift fails loudly. */
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
        String message = "OpenLDAP slapd is not installed (" + SlapdServer.SLAPD + ", " + SlapdServer.SCHEMAS
            + "); install the Debian package 'slapd' to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    private static byte[] mail(String subject, String body) {
        return ("From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static List<RepositoryMail> relayedTo(String recipient) throws Exception {
        return james.gateway().outgoing().stream().filter(m -> m.recipients().contains(recipient)).toList();
    }

    /** Relayed exactly once, as an envelope carol opens, holding alice's one signature over the body. */
    private static void assertLeftEncryptedOnce(String body) throws Exception {
        List<RepositoryMail> relayed = relayedTo(CAROL).stream()
            .filter(m -> new String(m.message(), StandardCharsets.ISO_8859_1).contains("enveloped-data")).toList();
        List<String> opened = new java.util.ArrayList<>();
        for (RepositoryMail mail : relayed) {
            String plain = new OpenSslCms(pkiDir.resolve("d" + System.nanoTime())).decrypt(mail.message(), carol)
                .assertSuccess().stdoutText();
            if (plain.contains(body)) {
                opened.add(plain);
            }
        }
        assertThat(opened).singleElement().satisfies(plain -> {
            assertThat(plain).contains("multipart/signed");
            assertThat(plain.split("application/pkcs7-signature", -1)).as("one signature part").hasSize(3);
        });
    }

    /** Never plaintext: whatever went to carol is an envelope, whose bytes do not show the body. */
    private static void assertNothingInPlaintext(String body) throws Exception {
        assertThat(relayedTo(CAROL)).allSatisfy(m -> {
            String text = new String(m.message(), StandardCharsets.ISO_8859_1);
            assertThat(text).contains("enveloped-data").doesNotContain(body);
        });
    }

    private static RepositoryMail relayedWith(String body) throws Exception {
        for (RepositoryMail mail : relayedTo(CAROL)) {
            String plain = new OpenSslCms(pkiDir.resolve("d" + System.nanoTime())).decrypt(mail.message(), carol)
                .assertSuccess().stdoutText();
            if (plain.contains(body)) {
                return mail;
            }
        }
        throw new AssertionError("no mail to " + CAROL + " with " + body);
    }

    /** The certificate lookups of the trace, oldest first: every failed one held the mail, the last one let it go. */
    private static List<String> certificateLookups(RepositoryMail mail) {
        return mail.trace().stream().filter(line -> line.contains(CERTIFICATE_LOOKUP))
            .map(line -> line.substring(line.indexOf(CERTIFICATE_LOOKUP) + CERTIFICATE_LOOKUP.length())).toList();
    }

    private static int indexOfFirst(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + lines);
    }

    @Test
    @Order(1)
    void mailHeldWhileTheDirectoryIsDownLeavesEncryptedByItselfOnceItAnswers() throws Exception {
        String body = "Held, then retried automatically " + System.nanoTime() + ".";
        directory.stop();
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), mail("automatic retry", body));
        // The first attempt finds the directory down (within milliseconds); the first retry is 2 s later.
        Thread.sleep(1000);
        assertThat(relayedTo(CAROL)).isEmpty();

        directory = directory.restart();

        Awaitility.await("mail to carol relayed").atMost(Duration.ofSeconds(30)).until(() -> !relayedTo(CAROL).isEmpty());
        assertLeftEncryptedOnce(body);
        assertNothingInPlaintext(body);
        RepositoryMail relayed = relayedWith(body);
        List<String> lookups = certificateLookups(relayed);
        int firstSuccess = indexOfFirst(lookups, "matched, 1 usable certificate(s)");
        // Held after lookups that failed; once one succeeded, never held again (the sample's pipeline asks the
        // keystore twice per pass, once for each mailet of the named matcher "encryptable").
        assertThat(lookups.subList(0, firstSuccess)).isNotEmpty()
            .allSatisfy(line -> assertThat(line).startsWith("not matched, keystore unavailable"));
        assertThat(lookups.subList(firstSuccess, lookups.size()))
            .allSatisfy(line -> assertThat(line).startsWith("matched, 1 usable certificate(s)"));
        assertThat((Integer) relayed.attributes().get(ATTEMPTS)).isBetween(1, RETRIES - 1);
        assertThat(james.gateway().repository(HELD)).isEmpty();
    }

    @Test
    @Order(2)
    void mailStillHeldWhenTheRetriesRunOutLeavesWithOneWebAdminCall() throws Exception {
        String body = "Held until the operator sends it again " + System.nanoTime() + ".";
        directory.stop();
        Thread.sleep(1500); // carol's certificate, found by the first test, leaves the 1 s cache
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), mail("operator retry", body));

        RepositoryMail held = Awaitility.await("mail to carol in " + HELD).atMost(Duration.ofSeconds(40))
            .until(() -> james.gateway().repository(HELD), l -> !l.isEmpty()).get(0);
        assertThat(held.recipients()).containsExactly(CAROL);
        assertThat(held.attributes().get(ATTEMPTS)).isEqualTo(RETRIES);
        assertThat(certificateLookups(held)).isNotEmpty()
            .allSatisfy(line -> assertThat(line).startsWith("not matched, keystore unavailable"));
        assertThat(new String(held.message(), StandardCharsets.ISO_8859_1)).contains("multipart/signed");
        assertNothingInPlaintext(body);

        directory = directory.restart();
        // The LDAP store answers "unavailable" without dialling for 2 s after a failed connect; an operator comes
        // later than the test.
        Thread.sleep(2500);
        reprocessHeldThroughOutgoing();

        Awaitility.await("held mail relayed").atMost(Duration.ofSeconds(30))
            .until(() -> relayedTo(CAROL).size() == 2);
        assertLeftEncryptedOnce(body);
        assertNothingInPlaintext(body);
        assertThat(certificateLookups(relayedWith(body))).last().asString().startsWith("matched");
        assertThat(james.gateway().repository(HELD)).isEmpty();
    }

    @Test
    @Order(3)
    void anOperatorReleasesAHeldMailInTheConsoleOnceTheDirectoryIsBack() throws Exception {
        ConsoleBrowser.require();
        String body = "Held, then released in the console " + System.nanoTime() + ".";
        int relayedBefore = relayedTo(CAROL).size();
        directory.stop();
        Thread.sleep(1500); // carol's certificate leaves the 1 s cache
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), mail("console release", body));
        Awaitility.await("mail to carol in " + HELD).atMost(Duration.ofSeconds(40))
            .until(() -> james.gateway().repository(HELD), l -> !l.isEmpty());
        assertNothingInPlaintext(body);
        assertThat(relayedTo(CAROL)).hasSize(relayedBefore);

        directory = directory.restart();
        Thread.sleep(2500); // the LDAP store's 2 s pause after a failed connect
        try (ConsoleBrowser browser = ConsoleBrowser.start(workDir, webAdminPort)) {
            WebDriver page = browser.open("queues");
            ConsoleBrowser.await(() -> page.findElement(By.xpath("//button[starts-with(text(),'held (1)')]"))).click();
            WebElement row = ConsoleBrowser.await(() -> page.findElement(
                By.xpath("//table[@id='mail-table']//tr[td[1]='console release']")));
            assertThat(row.getText()).contains(ALICE).contains(CAROL);
            row.findElement(By.xpath(".//button[text()='Release']")).click();
            assertThat(browser.confirm()).contains("console release");
            ConsoleBrowser.await(() -> page.findElement(By.id("status")).getText().startsWith("Released to "));
            assertThat(page.findElement(By.id("error")).getText()).isEmpty();
        }

        Awaitility.await("released mail relayed").atMost(Duration.ofSeconds(30))
            .until(() -> relayedTo(CAROL).size() == relayedBefore + 1);
        assertLeftEncryptedOnce(body);
        assertNothingInPlaintext(body);
        assertThat(james.gateway().repository(HELD)).isEmpty();
    }

    /**
     * Exactly the call conf-samples/README.md documents (WebAdmin names a repository by its path, URL-encoded, without
     * the protocol), then waits for the task it starts.
     */
    private static void reprocessHeldThroughOutgoing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + webAdminPort;
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/mailRepositories/"
                + URLEncoder.encode("var/mail/held/", StandardCharsets.UTF_8) + "/mails?action=reprocess&processor=outgoing"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String taskId = started.body().replaceAll(".*\"taskId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + taskId + "/await"))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.body()).contains("\"status\":\"completed\"").contains("\"initialCount\":1,\"remainingCount\":0");
    }
}
