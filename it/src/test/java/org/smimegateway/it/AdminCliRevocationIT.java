package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * Issue 6's acceptance on a real James 3.8.1 with the sample configuration: the admin command line, run as an
 * operator runs it ({@code java -jar ...-cli.jar}, never on this classpath, whose Bouncy Castle is James's), creates
 * a CA and issues straight into the gateway's file store; mail to a correspondent leaves encrypted, and once the
 * correspondent's certificate is revoked and the CRL published, the Encrypt path refuses it: plaintext-but-signed
 * under encrypt=allow, quarantine under encrypt=mandatory.
 */
class AdminCliRevocationIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String FRANK = "frank@mandatory.test";
    private static final String QUARANTINE = "memory://var/mail/quarantine/";
    /**
     * The store is rescanned when the file system reports the CLI's new CRL; well under the sample's periodic 5 s
     * rescan, so passing here shows the change notification at work inside James.
     */
    private static final Duration RESCAN = Duration.ofMillis(1500);

    private static Path store;
    private static Path caDir;
    private static Path caPassword;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(AdminCliRevocationIT::provisionWithTheCli);

    private static void provisionWithTheCli(Path root) throws Exception {
        store = root.resolve("conf/smime-gateway/store");
        caDir = root.resolve("smime-ca"); // the CA's own keys live outside James's configuration
        caPassword = Files.writeString(root.resolve("ca.pw"), "long CA passphrase\n");
        Path pfx = Files.createDirectories(root.resolve("pfx"));
        admin("init-ca", "--organization", "Gateway IT", "--root-cn", "Gateway IT Root CA", "--intermediate-cn",
            "Gateway IT Issuing CA");
        admin("issue", "--address", ALICE, "--name", "Alice");
        for (String external : List.of(CAROL, FRANK)) {
            admin("issue", "--address", external, "--external", "--out-dir", pfx.toString(),
                "--password-channel", "FILE", "--password-out", pfx.resolve("passwords.tsv").toString());
        }
    }

    @Test
    void revokedCertificateIsRefusedByEncryptAfterCrlPublishAndTheMailLeavesSignedInPlaintext() throws Exception {
        submit(CAROL, "before revocation", "Figures: 42.\r\n");
        assertThat(headersOf(awaitOutgoing("before revocation").message())).matches(AdminCliRevocationIT::enveloped,
            "enveloped S/MIME");

        admin("revoke", "--address", CAROL, "--reason", "KEY_COMPROMISE");
        admin("crl");
        Thread.sleep(RESCAN.toMillis());
        submit(CAROL, "after revocation", "Figures: 43.\r\n");

        RepositoryMail after = awaitOutgoing("after revocation");
        assertThat(after.recipients()).containsExactly(CAROL);
        assertThat(headersOf(after.message())).doesNotContain("application/pkcs7-mime").doesNotContain("enveloped-data")
            .contains("multipart/signed").contains("application/pkcs7-signature");
        assertThat(text(after.message())).contains("Figures: 43.");
    }

    @Test
    void mandatoryRecipientWhoseCertificateIsRevokedIsQuarantinedNeverRelayed() throws Exception {
        submit(FRANK, "mandatory before", "Plan A.\r\n");
        assertThat(headersOf(awaitOutgoing("mandatory before").message())).matches(AdminCliRevocationIT::enveloped,
            "enveloped S/MIME");

        admin("revoke", "--address", FRANK);
        admin("crl");
        Thread.sleep(RESCAN.toMillis());
        submit(FRANK, "mandatory after", "Plan B.\r\n");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().repository(QUARANTINE).stream()
            .anyMatch(m -> headersOf(m.message()).contains("Subject: mandatory after")));
        Thread.sleep(1000); // nothing may follow to outgoing either
        assertThat(james.gateway().outgoing()).noneMatch(m -> headersOf(m.message()).contains("Subject: mandatory after"));
    }

    /** Runs the admin command line's runnable jar on the test's store and CA folder; its output is shown on failure. */
    private static ExternalTool.Result admin(String command, String... arguments) {
        List<String> full = new ArrayList<>(List.of("-jar", adminJar().toString(), command, "--store", store.toString(),
            "--ca-dir", caDir.toString(), "--ca-password-file", caPassword.toString()));
        full.addAll(List.of(arguments));
        return ExternalTool.require("java", "openjdk-17-jre-headless").run(full.toArray(String[]::new)).assertSuccess();
    }

    private static Path adminJar() {
        Path target = ProjectPaths.projectRoot().resolve("admin-cli/target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().matches("smime-gateway-admin-cli-.*-cli\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no runnable admin jar in " + target + ": build admin-cli"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build admin-cli first", e);
        }
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

    private static boolean enveloped(String headers) {
        return headers.contains("application/pkcs7-mime") && headers.contains("enveloped-data");
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

}
