package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;

/** The drop-in jar inside a real James 3.8.1: SMTP in, our mailet in the pipeline, IMAP and the outgoing repository out. */
class GatewaySmokeIT {
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .user(BOB, PASSWORD);

    private static byte[] message(String from, String to, String subject, String extraHeaders, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject.hashCode()
            + "@test>\r\n" + extraHeaders + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static String bodyOf(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }


    @Test
    void ourClassesReachJamesOnlyThroughTheExtensionsFolderBesideItsOwnBouncyCastle() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.smimegateway.mailets.StripSecurityInfoHeaders"))
            .isInstanceOf(ClassNotFoundException.class);
        Class<?> jamesBc = Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider");
        java.security.Provider provider = (java.security.Provider) jamesBc.getDeclaredConstructor().newInstance();
        assertThat(provider.getInfo()).contains("v1.70");
    }

    @Test
    void localMailPassesOurMailetAndArrivesOverImapWithoutForgedInfoHeaders() throws Exception {
        String body = "Hello Bob,\r\nthis went through smime-gateway.\r\n";
        byte[] sent = message(ALICE, BOB, "local-smoke",
            "X-Smime-Signer-Verified-0-0: True\r\nX-Smime-Signer-Trusted-0-0: True\r\n"
                + "Authentication-Results: gateway.test; smime=pass header.from=alice@gateway.test\r\n", body);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(BOB), sent);

        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(BOB, PASSWORD), inbox -> !inbox.isEmpty()).get(0);
        assertThat(headersOf(received))
            .contains("Subject: local-smoke")
            .doesNotContainIgnoringCase("X-Smime-Signer-")
            .doesNotContain("smime=pass");
        assertThat(bodyOf(received)).isEqualTo(body);
    }

    @Test
    void mailToARemoteDomainLandsInTheOutgoingRepositoryIntact() throws Exception {
        String body = "Hello Carol,\r\nthis one leaves the gateway.\r\n";
        byte[] sent = message(ALICE, "carol@remote.test", "remote-smoke", "", body);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of("carol@remote.test"), sent);

        RepositoryMail relayed = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.gateway().outgoing().stream()
                .filter(mail -> headersOf(mail.message()).contains("Subject: remote-smoke")).toList(), list -> !list.isEmpty())
            .get(0);
        assertThat(relayed.sender()).isEqualTo(ALICE);
        assertThat(relayed.recipients()).containsExactly("carol@remote.test");
        assertThat(bodyOf(relayed.message())).isEqualTo(body);
    }

    /**
     * Stock smtpserver.xml keeps 127.0.0.0/8 an authorized network, so James takes the mail at SMTP time; the merge
     * took SMTPIsAuthNetwork out of relay-allowed, so it is not relayed (nor signed as whoever it names) but handled
     * as stock James handles denied relaying: kept in relay-denied (and bounced to its sender).
     */
    @Test
    void unauthenticatedMailFromTheHostToARemoteDomainIsDeniedRelayingNotSent() throws Exception {
        byte[] sent = message("mallory@elsewhere.test", "carol@remote.test", "open-relay-probe", "", "relay me\r\n");

        james.client().deliver("mallory@elsewhere.test", List.of("carol@remote.test"), sent);

        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.gateway().repository("memory://var/mail/relay-denied/").stream()
                .anyMatch(mail -> headersOf(mail.message()).contains("Subject: open-relay-probe")));
        assertThat(james.gateway().outgoing())
            .noneMatch(mail -> headersOf(mail.message()).contains("Subject: open-relay-probe"));
    }
}
