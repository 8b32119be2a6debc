package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smimegateway.it.demo.DemoGateway;
import org.smimegateway.it.harness.MailClient;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/** README's first command: the demo gateway takes the swaks line it prints and shows the result where it says. */
class DemoGatewayIT {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static DemoGateway.Running demo;
    private static ExternalTool bash;

    @BeforeAll
    static void startDemo() throws Exception {
        ExternalTool.require("swaks", "swaks");
        bash = ExternalTool.require("bash", "bash");
        demo = DemoGateway.start(0, 0, new PrintStream(LOG, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void swaksToTheOutsideCorrespondentLeavesEncryptedAndIsSavedAsAFileCarolCanDecrypt() throws Exception {
        String command = DemoGateway.swaksCommand(demo.gateway().smtpPort(), "carol@remote.test", "hello carol");

        ExternalTool.Result sent = bash.run(demo.root(), null, "-c", command).assertSuccess();

        assertThat(sent.stdoutText()).contains("250");
        Path file = Awaitility.await().atMost(Duration.ofSeconds(30)).until(DemoGatewayIT::savedFiles, l -> !l.isEmpty()).get(0);
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("relayed (not sent): " + file);
        byte[] message = Files.readAllBytes(file);
        assertThat(new String(message, StandardCharsets.ISO_8859_1)).contains("smime-type=enveloped-data");
        Path pki = demo.pki();
        OpenSslPki.Identity carol = new OpenSslPki.Identity("carol@remote.test", pki.resolve("carol_remote.test.pem"),
            pki.resolve("carol_remote.test.key"), pki.resolve("carol_remote.test.p12"), null);
        String inner = new OpenSslCms(Files.createTempDirectory(demo.root(), "cms")).decrypt(message, carol)
            .assertSuccess().stdoutText();
        assertThat(inner).contains("multipart/signed");
        assertThat(new OpenSslCms(Files.createTempDirectory(demo.root(), "cms")).verify(inner.getBytes(StandardCharsets.ISO_8859_1),
            pki.resolve("ca.pem")).assertSuccess().stdoutText()).contains("This is a test mailing");
    }

    @Test
    void swaksToALocalUserArrivesInHisImapInbox() throws Exception {
        bash.run(demo.root(), null, "-c", DemoGateway.swaksCommand(demo.gateway().smtpPort(), "bob@gateway.test", "hello bob"))
            .assertSuccess();

        MailClient client = MailClient.of(demo.gateway());
        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> client.inbox("bob@gateway.test", "demo"), inbox -> !inbox.isEmpty()).get(0);
        assertThat(new String(received, StandardCharsets.ISO_8859_1)).contains("Subject: hello bob");
    }

    private static List<Path> savedFiles() throws Exception {
        try (Stream<Path> files = Files.list(demo.outgoing())) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
    }
}
