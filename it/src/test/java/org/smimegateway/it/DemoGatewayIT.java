package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.smimegateway.it.harness.WebAdminClient;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.it.demo.DemoProcess;
import org.smimegateway.it.harness.MailClient;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * README's first command, {@code ./demo-gateway.sh 0 0}, run as its own process: the distribution it starts takes the
 * swaks line the banner prints and shows the result where it says; carol's key opens what she is sent and imports into
 * GnuPG; the gateway logs one INFO decision line per mail per gateway mailet; and on exit James stops and the demo's
 * private keys are gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoGatewayIT {
    /** An INFO line of one of our mailets in James's console log ({@code %logger{15}}: o.s.m.SmimeSign). */
    private static final Pattern MAILET_LINE = Pattern.compile("\\[INFO \\].* o\\.s\\.m\\.(\\w+) - Mail (\\S+)");
    private static final List<String> GATEWAY_MAILETS = List.of("StripSecurityInfoHeaders", "SmimeDecrypt",
        "SmimeVerify", "SmimeSign", "SmimeEncrypt", "RemoveSubjectTrigger");

    private static DemoProcess demo;
    private static DemoProcess.Banner banner;
    private static ExternalTool bash;

    @BeforeAll
    static void startDemo() throws Exception {
        ExternalTool.require("swaks", "swaks");
        // The script's own needs: a missing one skips here (fails under CI=true) rather than inside the script.
        ExternalTool.require("openssl", "openssl");
        ExternalTool.require("curl", "curl");
        bash = ExternalTool.require("bash", "bash");
        demo = DemoProcess.start("0", "0");
        banner = demo.awaitBanner(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void startsTheBuiltDistributionWithoutBuildingAgain() throws Exception {
        // The reactor built the distribution just before: the script must see it is current.
        assertThat(demo.output()).noneMatch(line -> line.contains("building the distribution"));
        assertThat(banner.root().resolve("james-server-memory-app.jar")).exists();
        assertThat(banner.root().resolve("extensions-jars").toRealPath())
            .isEqualTo(Path.of(System.getProperty("smimegateway.distribution")).resolve("extensions-jars").toRealPath());
    }

    @Test
    @Order(2)
    void swaksToTheOutsideCorrespondentLeavesEncryptedAndIsSavedAsAFileCarolCanDecrypt(@TempDir Path work) throws Exception {
        int logOffset = logLines().size();

        ExternalTool.Result sent = bash.run(work, null, "-c", banner.swaksLine()).assertSuccess();

        assertThat(sent.stdoutText()).contains("250");
        Matcher relayed = demo.awaitLine(Pattern.compile("relayed \\(not sent\\): (\\S+)  to carol@remote\\.test, "
            + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data"), Duration.ofSeconds(60));
        Path file = Path.of(relayed.group(1));
        assertThat(file.getParent()).isEqualTo(banner.outgoing());
        assertThat(file.getFileName().toString()).isEqualTo("001-carol@remote.test.eml");
        byte[] message = Files.readAllBytes(file);
        OpenSslPki.Identity carol = new OpenSslPki.Identity("carol@remote.test", banner.carolCertificate(),
            banner.carolKey(), banner.carolPkcs12(), null);
        String inner = new OpenSslCms(work.resolve("decrypt")).decrypt(message, carol).assertSuccess().stdoutText();
        assertThat(inner).contains("multipart/signed");
        assertThat(new OpenSslCms(work.resolve("verify")).verify(inner.getBytes(StandardCharsets.ISO_8859_1),
            banner.caCertificate()).assertSuccess().stdoutText()).contains("This is a test mailing");

        assertOneDecisionLinePerMailet(logOffset, List.of("StripSecurityInfoHeaders", "SmimeSign", "SmimeEncrypt",
            "RemoveSubjectTrigger"));
    }

    @Test
    @Order(3)
    void swaksToALocalUserArrivesInHisImapInbox(@TempDir Path work) throws Exception {
        String toBob = banner.swaksLine().replace("--to carol@remote.test", "--to bob@gateway.test")
            .replace("Subject: hello carol", "Subject: hello bob");
        assertThat(toBob).contains("--to bob@gateway.test");

        bash.run(work, null, "-c", toBob).assertSuccess();

        MailClient client = new MailClient(banner.smtpPort(), banner.imapPort());
        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> client.inbox("bob@gateway.test", "demo"), inbox -> !inbox.isEmpty()).get(0);
        assertThat(new String(received, StandardCharsets.ISO_8859_1)).contains("Subject: hello bob");
    }

    @Test
    @Order(4)
    void signedAndEncryptedMailFromCarolIsDecryptedAndVerifiedForBobWithOneDecisionLinePerMailet(@TempDir Path work)
        throws Exception {
        int logOffset = logLines().size();
        OpenSslPki.Identity carol = new OpenSslPki.Identity("carol@remote.test", banner.carolCertificate(),
            banner.carolKey(), banner.carolPkcs12(), null);
        byte[] mail = new OpenSslCms(work).signThenEncrypt(
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nfor bob's eyes only\r\n".getBytes(StandardCharsets.US_ASCII),
            carol, banner.bobCertificate(), "bob@gateway.test", "from carol");
        MailClient client = new MailClient(banner.smtpPort(), banner.imapPort());

        client.deliver("carol@remote.test", List.of("bob@gateway.test"), mail);

        String received = new String(Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> client.inbox("bob@gateway.test", "demo"), inbox -> inbox.stream()
                .anyMatch(m -> new String(m, StandardCharsets.ISO_8859_1).contains("Subject: from carol")))
            .stream().map(m -> new String(m, StandardCharsets.ISO_8859_1)).filter(m -> m.contains("Subject: from carol"))
            .findFirst().orElseThrow());
        assertThat(received).contains("for bob's eyes only").contains("smime=pass");
        assertOneDecisionLinePerMailet(logOffset, List.of("StripSecurityInfoHeaders", "SmimeDecrypt", "SmimeVerify"));
    }

    @Test
    @Order(5)
    void carolsPkcs12ImportsIntoGnuPg(@TempDir Path home) throws Exception {
        ExternalTool gpgsm = ExternalTool.require("gpgsm", "gpgsm");
        byte[] password = Files.readAllBytes(banner.carolPkcs12Password());
        try {
            ExternalTool.Result imported = gpgsm.run(home, password, "--homedir", home.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--import", banner.carolPkcs12().toString())
                .assertSuccess();
            assertThat(imported.stderr()).contains("secret keys imported: 1");
            assertThat(gpgsm.run(home, null, "--homedir", home.toString(), "--batch", "--list-secret-keys")
                .assertSuccess().stdoutText()).contains("carol@remote.test");
        } finally {
            ExternalTool.require("gpgconf", "gpgconf").run(home, null, "--homedir", home.toString(), "--kill", "all");
        }
    }

    @Test
    @Order(6)
    void theGatewaysWebAdminRoutesWorkOnTheDemoCaAndMailAnExternalUsersPkcs12() throws Exception {
        WebAdminClient webAdmin = new WebAdminClient(banner.webAdminPort());
        WebAdminClient.Answer ca = webAdmin.get("/smime-gateway/ca");
        assertThat(ca.status()).as(ca.body()).isEqualTo(200);
        assertThat(ca.body()).contains("\"exists\":true").contains("smime-gateway Demo Issuing CA");

        WebAdminClient.Answer issued = webAdmin.postJson("/smime-gateway/ca/issue",
            "{\"address\":\"dave@remote.test\",\"kind\":\"external\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.body()).doesNotContain("password\":\"");
        demo.awaitLine(Pattern.compile("relayed \\(not sent\\): \\S+  to dave@remote\\.test, Content-Type: multipart/signed"),
            Duration.ofSeconds(60));
        assertThat(Files.readString(banner.pkcs12Passwords())).contains("dave@remote.test");
        assertThat(webAdmin.get("/smime-gateway/certificates?address=dave@remote.test").body())
            .contains("dave@remote.test");
    }

    @Test
    @Order(7)
    void onExitJamesStopsAndTheDemoPrivateKeysAreGone() throws Exception {
        int exit = demo.stop(Duration.ofSeconds(120));

        assertThat(exit).as("exit code after TERM").isEqualTo(143);
        assertThat(demo.output()).anyMatch(line -> line.contains("private keys removed"));
        assertThat(banner.root().resolve("var/james.pid")).doesNotExist();
        assertThat(banner.carolKey()).doesNotExist();
        assertThat(banner.carolPkcs12()).doesNotExist();
        assertThat(banner.pkcs12Passwords()).doesNotExist();
        assertThat(banner.store().resolve("keys")).doesNotExist();
        assertThat(banner.carolCertificate()).exists();
        assertThat(banner.bobCertificate()).exists();
        assertThat(banner.outgoing().resolve("001-carol@remote.test.eml")).exists();
    }

    /**
     * The log lines written since {@code offset} by our mailets: one mail, exactly one INFO line from each of
     * {@code mailets} and none from any other class of ours in that family (matchers log at DEBUG).
     */
    private static void assertOneDecisionLinePerMailet(int offset, List<String> mailets) throws Exception {
        Map<String, List<String>> byMail = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> mailetLinesByMail(offset), lines -> lines.values().stream().anyMatch(l -> l.size() >= mailets.size()));
        assertThat(byMail).as("INFO lines of our mailets per mail since the mail was sent").hasSize(1);
        List<String> logged = byMail.values().iterator().next();
        assertThat(logged).containsExactlyInAnyOrderElementsOf(mailets);
        assertThat(GATEWAY_MAILETS).containsAll(logged);
    }

    private static Map<String, List<String>> mailetLinesByMail(int offset) throws Exception {
        Map<String, List<String>> byMail = new TreeMap<>();
        List<String> lines = logLines();
        for (String line : lines.subList(offset, lines.size())) {
            if (line.contains("[INFO ]") && line.contains(" o.s.m.")) {
                Matcher matcher = MAILET_LINE.matcher(line);
                assertThat(matcher.find()).as("INFO line of org.smimegateway.m* that is not a mailet decision: " + line)
                    .isTrue();
                byMail.computeIfAbsent(matcher.group(2).replaceAll("[:,]$", ""), k -> new ArrayList<>())
                    .add(matcher.group(1));
            }
        }
        return byMail;
    }

    private static List<String> logLines() throws Exception {
        try (Stream<String> lines = Files.lines(banner.log(), StandardCharsets.UTF_8)) {
            // The stock console pattern colours the level: [34m[INFO ][0;39m.
            return lines.map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "")).toList();
        }
    }
}
