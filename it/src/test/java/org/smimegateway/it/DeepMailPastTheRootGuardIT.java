package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.BoundedWorkIT.bodyOf;
import static org.smimegateway.it.BoundedWorkIT.deepBody;
import static org.smimegateway.it.BoundedWorkIT.deepMail;
import static org.smimegateway.it.BoundedWorkIT.hasSubject;
import static org.smimegateway.it.BoundedWorkIT.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;

/**
 * The second line of defence, in a real James: the sample without {@code MimeStructureLimit} at the top of root, so
 * deep mail reaches the gateway mailets themselves. Each measures the structure before its work: mail of our
 * authenticated user, nested 1,500 levels with an 8-bit leaf, never reaches signing (which recursed until the stack
 * overflowed), mail from outside never reaches verification and local delivery; both are kept intact in
 * structure-limit, more of them than there are spooler threads, and ordinary mail still flows.
 */
class DeepMailPastTheRootGuardIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final int SPOOLER_THREADS = 4;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .user(BOB, PASSWORD)
        .beforeStart(DeepMailPastTheRootGuardIT::withoutTheRootGuard);

    private static void withoutTheRootGuard(Path root) throws Exception {
        Path container = root.resolve("conf/mailetcontainer.xml");
        String xml = Files.readString(container);
        // The harness rewrote the file with the DOM: attribute order and quoting are not the sample's.
        String without = xml.replaceFirst(
            "(?s)<mailet[^>]*org\\.smimegateway\\.mailets\\.MimeStructureLimit[^>]*>.*?</mailet>", "");
        assertThat(without).as("the sample's root guard removed").isNotEqualTo(xml).doesNotContain("MimeStructureLimit");
        Files.writeString(container, without);
    }

    @Test
    void everyGatewayMailetKeepsDeepMailAwayFromItsWorkAndFromTheSpooler() throws Exception {
        for (int i = 0; i <= SPOOLER_THREADS; i++) {
            james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), deepMail(ALICE, CAROL, "to-sign-" + i));
            james.client().deliver("mallory@remote.test", List.of(BOB), deepMail("mallory@remote.test", BOB, "to-verify-" + i));
        }
        String body = "Ordinary mail after the deep ones.\r\n";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(BOB), ("From: " + ALICE + "\r\nTo: " + BOB
            + "\r\nSubject: ordinary\r\nMessage-ID: <ordinary-past-guard@test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));

        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> james.client().inbox(BOB, PASSWORD).stream().anyMatch(m -> hasSubject(m, "ordinary")));
        List<RepositoryMail> kept = Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> james.gateway().repository("memory://var/mail/structure-limit/"),
                list -> list.size() >= 2 * (SPOOLER_THREADS + 1));

        assertThat(kept).hasSize(2 * (SPOOLER_THREADS + 1));
        for (RepositoryMail mail : kept) {
            String subject = text(mail.message()).lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow();
            String mailet = subject.startsWith("Subject: to-sign-") ? "SmimeSign" : "SmimeVerify";
            assertThat(bodyOf(mail.message())).as(subject).isEqualTo(deepBody(BoundedWorkIT.DEPTH));
            assertThat(mail.attributes()).as(subject)
                .containsEntry("smimegateway.limit", mailet + ": MIME nested deeper than 32 levels");
            assertThat(text(mail.message())).as(subject)
                .contains("X-Smime-Gateway-Limit: " + mailet + ": MIME nested deeper than 32 levels\r\n");
        }
        assertThat(james.gateway().outgoing()).noneMatch(m -> text(m.message()).contains("Subject: to-sign-"));
        assertThat(james.gateway().repository("memory://var/mail/error/")).isEmpty();
        assertThat(james.gateway().repository("memory://var/mail/smime-error/")).isEmpty();
    }
}
