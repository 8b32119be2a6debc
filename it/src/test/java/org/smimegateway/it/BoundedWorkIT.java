package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;

/**
 * Mail nested far deeper than any real mail, from our own authenticated user (on its way to be signed) and from
 * outside (on its way to a mailbox), more of it than the sample has spooler threads: it is kept intact in the
 * structure-limit repository, and ordinary mail sent after it is still delivered, so no spooler thread died.
 */
class BoundedWorkIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String STRUCTURE_LIMIT = "memory://var/mail/structure-limit/";
    private static final String ERROR = "memory://var/mail/error/";
    private static final String SMIME_ERROR = "memory://var/mail/smime-error/";
    /** The sample's spooler threads. */
    private static final int SPOOLER_THREADS = 4;
    static final int DEPTH = 1500;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .user(BOB, PASSWORD);

    /** {@code DEPTH} multiparts one inside the other around one 8-bit leaf. */
    static String deepBody(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            text.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i)
                .append("\"\r\n\r\n");
        }
        text.append("--b").append(depth - 1)
            .append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\u00e9t\u00e9\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            text.append("--b").append(i).append("--\r\n");
        }
        return text.toString();
    }

    static byte[] deepMail(String from, String to, String subject) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject
            + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n" + deepBody(DEPTH))
            .getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    static String bodyOf(byte[] message) {
        String text = text(message);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }

    static boolean hasSubject(byte[] message, String subject) {
        String text = text(message);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2).contains("Subject: " + subject + "\r\n");
    }

    @Test
    void deepMailBeyondTheSpoolerThreadsIsKeptIntactAndOrdinaryMailStillFlows() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i <= SPOOLER_THREADS; i++) {
            String inside = "deep-inside-" + i;
            james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), deepMail(ALICE, CAROL, inside));
            String outside = "deep-outside-" + i;
            james.client().deliver("mallory@remote.test", List.of(BOB), deepMail("mallory@remote.test", BOB, outside));
            subjects.add(inside);
            subjects.add(outside);
        }
        String body = "Ordinary mail after the deep ones.\r\n";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(BOB), ("From: " + ALICE + "\r\nTo: " + BOB
            + "\r\nSubject: ordinary\r\nMessage-ID: <ordinary@test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));

        byte[] ordinary = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> james.client().inbox(BOB, PASSWORD).stream().filter(m -> hasSubject(m, "ordinary")).toList(),
                list -> !list.isEmpty()).get(0);
        assertThat(bodyOf(ordinary)).isEqualTo(body);

        List<RepositoryMail> kept = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> james.gateway().repository(STRUCTURE_LIMIT), list -> list.size() >= subjects.size());
        assertThat(kept).hasSize(subjects.size());
        for (String subject : subjects) {
            RepositoryMail mail = kept.stream().filter(m -> hasSubject(m.message(), subject)).findFirst().orElseThrow();
            assertThat(bodyOf(mail.message())).as(subject).isEqualTo(deepBody(DEPTH));
            assertThat(text(mail.message())).as(subject)
                .contains("X-Smime-Gateway-Limit: MimeStructureLimit: MIME nested deeper than 32 levels\r\n");
            assertThat(mail.attributes()).as(subject)
                .containsEntry("smimegateway.limit", "MimeStructureLimit: MIME nested deeper than 32 levels");
        }
        assertThat(james.client().inbox(BOB, PASSWORD)).noneMatch(m -> text(m).contains("Subject: deep-"));
        assertThat(james.gateway().outgoing()).noneMatch(m -> text(m.message()).contains("Subject: deep-"));
        assertThat(james.gateway().repository(ERROR)).isEmpty();
        assertThat(james.gateway().repository(SMIME_ERROR)).isEmpty();
    }
}
