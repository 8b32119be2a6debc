package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.MailClient;
import org.smimegateway.it.harness.ProjectPaths;

/**
 * Every folder of conf-samples, as found on disk, boots in a real James 3.8.1 and carries a message through its
 * pipeline to a mailbox. A folder with its own mailetcontainer.xml is a complete sample; one without is a variant
 * laid over {@code gateway}. Because the folders are listed rather than named here, a new sample is booted without
 * anyone adding it, and one that does not start or does not deliver fails the build.
 */
class ConfSamplesBootIT {
    private static final String BASE = "gateway";
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";

    static List<String> sampleFolders() throws IOException {
        try (Stream<Path> entries = Files.list(ProjectPaths.confSamples())) {
            return entries.filter(Files::isDirectory)
                .map(p -> p.getFileName().toString())
                // Maven's target, and merge/ (the merge tool), are not samples.
                .filter(name -> !name.startsWith(".") && !name.equals("target") && !name.equals("merge"))
                .sorted()
                .toList();
        }
    }

    @Test
    void theListedFoldersAreTheSamplesWithTheBaseAmongThem() throws IOException {
        // Guards the factory below against listing the wrong folder and so booting nothing.
        assertThat(sampleFolders()).contains(BASE, "gateway-ldap", "relay-gateway");
        assertThat(ProjectPaths.sample(BASE).resolve("mailetcontainer.xml")).isRegularFile();
    }

    @TestFactory
    Stream<DynamicTest> everySampleFolderBootsAndDeliversAMessage() throws IOException {
        return sampleFolders().stream().map(name -> DynamicTest.dynamicTest(name, () -> bootAndDeliver(name)));
    }

    private static void bootAndDeliver(String name) throws Exception {
        Path sample = ProjectPaths.sample(name);
        JamesGateway.Builder builder = JamesGateway.builder();
        if (!Files.isRegularFile(sample.resolve("mailetcontainer.xml"))) {
            builder.sample(ProjectPaths.sample(BASE));
        }
        Path root = Files.createTempDirectory("james-boot-" + name);
        try (JamesGateway james = builder.sample(sample).root(root).dropInJar(ProjectPaths.dropInJar())
            .domain("gateway.test").user(ALICE, PASSWORD).user(BOB, PASSWORD).build().start()) {
            String subject = "boot " + name;
            String body = "Through the " + name + " sample.\r\n";
            if (hasMailboxes(root)) {
                deliversToAMailbox(james, subject, body);
            } else {
                forwardsToTheServerBehindIt(james, subject, body);
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A sample without LocalDelivery (relay-gateway) keeps no mail: it forwards mail for its domains to another server. */
    private static boolean hasMailboxes(Path root) throws IOException {
        return Files.readString(root.resolve("conf/mailetcontainer.xml")).contains("\"LocalDelivery\"");
    }

    private static byte[] message(String from, String subject, String body) {
        return ("From: " + from + "\r\nTo: " + BOB + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + System.nanoTime()
            + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static void deliversToAMailbox(JamesGateway james, String subject, String body) throws Exception {
        MailClient client = MailClient.of(james);
        client.submit(ALICE, PASSWORD, ALICE, List.of(BOB), message(ALICE, subject, body));

        // Each IMAP look is bounded by MailClient's read timeout; one that stalls (seen once on a loaded 2-core
        // machine, on the first IMAP session of the run) is retried rather than ending the wait.
        String received = Awaitility.await("'" + subject + "' in " + BOB + "'s INBOX").atMost(Duration.ofSeconds(90))
            .ignoreExceptions()
            .until(() -> client.inbox(BOB, PASSWORD).stream()
                .map(m -> new String(m, StandardCharsets.US_ASCII))
                .filter(m -> m.contains("Subject: " + subject)).toList(), l -> !l.isEmpty()).get(0);
        assertThat(received).endsWith("\r\n\r\n" + body);
    }

    /**
     * Mail from outside for one of its domains, stamped and handed to RemoteDelivery towards the internal server
     * (which the harness replaces by the repository {@link JamesGateway#OUTGOING}).
     */
    private static void forwardsToTheServerBehindIt(JamesGateway james, String subject, String body) throws Exception {
        String outsider = "dave@remote.test";
        MailClient.of(james).deliver(outsider, List.of(BOB), message(outsider, subject, body));

        JamesGateway.RepositoryMail forwarded = Awaitility.await("'" + subject + "' forwarded for " + BOB)
            .atMost(Duration.ofSeconds(30))
            .until(() -> james.outgoing().stream()
                .filter(m -> new String(m.message(), StandardCharsets.US_ASCII).contains("Subject: " + subject))
                .toList(), l -> !l.isEmpty()).get(0);
        assertThat(forwarded.recipients()).containsExactly(BOB);
        String text = new String(forwarded.message(), StandardCharsets.US_ASCII);
        assertThat(text).contains("smime=none").endsWith("\r\n\r\n" + body);
    }
}
