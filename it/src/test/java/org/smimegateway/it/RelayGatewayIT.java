package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.it.harness.SmtpSink;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;

/**
 * conf-samples/relay-gateway in a real James 3.8.1 between two other mail servers, all over real SMTP: the internal
 * mail server behind the gateway and the internet beyond it are {@link SmtpSink}s. The test plays the internet when
 * it connects from 127.0.0.1 and the internal server when it connects from 127.0.0.2, the one address the sample's
 * smtpserver.xml authorizes (in place of its 192.0.2.25). The sample's two RemoteDelivery mailets deliver for real:
 * the one to the internal server with its gateway pointed at the internal sink, the one to the internet given the
 * internet sink as gateway (instead of MX look-ups).
 */
class RelayGatewayIT {
    private static final String INTERNAL_DOMAIN = "corp.test";
    private static final String ALICE = "alice@" + INTERNAL_DOMAIN;
    private static final String CAROL = "carol@remote.test";
    private static final String INTERNAL_SERVER_ADDRESS = "127.0.0.2";

    private static SmtpSink internalServer;
    private static SmtpSink internet;
    private static OpenSslPki pki;
    private static OpenSslPki.Identity alice;
    private static OpenSslPki.Identity carol;
    private static Path pkiDir;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("relay-gateway")
        .domain(INTERNAL_DOMAIN)
        .beforeStart(RelayGatewayIT::provision);

    private static void provision(Path root) throws Exception {
        pkiDir = Files.createDirectories(root.resolve("pki"));
        pki = OpenSslPki.create(pkiDir, "Relay Test CA");
        alice = pki.issue(ALICE);
        carol = pki.issue(CAROL);
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
        Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());
        Files.copy(carol.certificate(), store.resolve("certs/carol.pem"));

        internalServer = SmtpSink.start("internal");
        internet = SmtpSink.start("internet");
        // The harness stands a repository in for every RemoteDelivery; here they are to deliver for real, so the
        // sample's own file is laid out again with only the servers' addresses changed.
        String sample = Files.readString(ProjectPaths.sample("relay-gateway").resolve("mailetcontainer.xml"));
        Files.writeString(root.resolve("conf/mailetcontainer.xml"), replaceExactly(sample,
            "<gateway>192.0.2.25:25</gateway>", "<gateway>127.0.0.1:" + internalServer.port() + "</gateway>",
            "<outgoing>outgoing</outgoing>", "<outgoing>outgoing</outgoing>\n"
                + "                <gateway>127.0.0.1:" + internet.port() + "</gateway>"));
        Path smtp = root.resolve("conf/smtpserver.xml");
        Files.writeString(smtp, replaceExactly(Files.readString(smtp),
            "<authorizedAddresses>192.0.2.25/32</authorizedAddresses>",
            "<authorizedAddresses>" + INTERNAL_SERVER_ADDRESS + "/32</authorizedAddresses>"));
    }

    /** Each pair: a text the sample must contain exactly once, and its replacement, so sample drift fails loudly. */
    private static String replaceExactly(String text, String... pairs) {
        String result = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(result.split(Pattern.quote(pairs[i]), -1)).as(pairs[i]).hasSize(2);
            result = result.replace(pairs[i], pairs[i + 1]);
        }
        return result;
    }

    @AfterAll
    static void stopSinks() throws Exception {
        for (SmtpSink sink : new SmtpSink[] {internalServer, internet}) {
            if (sink != null) {
                sink.close();
            }
        }
    }

    /** Plain SMTP to the gateway, without AUTH, from the given loopback address. */
    private static void send(String fromAddress, String envelopeFrom, String recipient, byte[] message)
        throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(james.gateway().smtpPort()));
        properties.setProperty("mail.smtp.localaddress", fromAddress);
        properties.setProperty("mail.smtp.from", envelopeFrom);
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mime, new Address[] {new InternetAddress(recipient)});
        }
    }

    private static SmtpSink.Received awaitMail(SmtpSink sink, String recipient, String marker) {
        try {
            return Awaitility.await(recipient + " at the " + sink + " sink").atMost(Duration.ofSeconds(40))
                .until(() -> sink.received().stream()
                    .filter(m -> m.recipients().contains(recipient) && m.text().contains(marker)).toList(),
                    l -> !l.isEmpty()).get(0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; internal server got " + summary(internalServer)
                + ", internet got " + summary(internet), e);
        }
    }

    private static List<String> summary(SmtpSink sink) {
        return sink.received().stream().map(m -> m.sender() + " -> " + m.recipients() + ": "
            + headersOf(m.text()).replace("\r\n", " | ")).toList();
    }


    @Test
    void mailFromTheInternetReachesTheInternalServerDecryptedVerifiedAndStamped() throws Exception {
        OpenSslCms openssl = new OpenSslCms(Files.createDirectories(pkiDir.resolve("in")));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet at noon.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] smime = openssl.signThenEncrypt(entity, carol, alice.certificate(), ALICE, "inbound noon");
        byte[] forged = ("X-Smime-Signer-Verified-7-7: True\r\nAuthentication-Results: gateway.corp.test; smime=pass\r\n"
            + new String(smime, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);

        send("127.0.0.1", CAROL, ALICE, forged);

        SmtpSink.Received forwarded = awaitMail(internalServer, ALICE, "Subject: inbound noon");
        assertThat(forwarded.recipients()).containsExactly(ALICE);
        assertThat(forwarded.sender()).isEqualTo(CAROL);
        assertThat(headersOf(forwarded.text()))
            .contains("X-Smime-Encryption-Algorithm-0: AES128_CBC")
            .contains("X-Smime-Signer-Verified-0-1: True")
            .contains("X-Smime-Signer-Trusted-0-1: True")
            .contains("X-Smime-Signer-Email-0-1: " + CAROL)
            .contains("Authentication-Results: gateway.corp.test; smime=pass body.smime-identifier=" + CAROL)
            .doesNotContain("X-Smime-Signer-Verified-7-7")
            .doesNotContain("application/pkcs7-mime");
        assertThat(forwarded.text()).contains("multipart/signed").contains("Meet at noon.");
        assertThat(internet.received()).noneMatch(m -> m.text().contains("Subject: inbound noon"));
    }

    @Test
    void mailFromTheInternalServerLeavesSignedAndEncrypted() throws Exception {
        String body = "Quarterly figures: 42.\r\n";
        byte[] message = ("From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: outbound figures\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);

        send(INTERNAL_SERVER_ADDRESS, ALICE, CAROL, message);

        SmtpSink.Received relayed = awaitMail(internet, CAROL, "Subject: outbound figures");
        assertThat(relayed.sender()).isEqualTo(ALICE);
        assertThat(headersOf(relayed.text())).contains("application/pkcs7-mime").contains("enveloped-data");
        assertThat(relayed.text()).doesNotContain("Quarterly figures");
        OpenSslCms openssl = new OpenSslCms(Files.createDirectories(pkiDir.resolve("out")));
        ExternalTool.Result decrypted = openssl.decrypt(relayed.message(), carol).assertSuccess();
        assertThat(decrypted.stdoutText()).contains("multipart/signed");
        ExternalTool.Result verified = openssl.verify(decrypted.stdout(), pki.caCertificate()).assertSuccess();
        assertThat(verified.stderr()).contains("Verification successful");
        assertThat(verified.stdoutText()).endsWith(body);
        assertThat(internalServer.received()).noneMatch(m -> m.text().contains("Subject: outbound figures"));
    }

    @Test
    void theInternetCannotRelayThroughTheGateway() {
        byte[] message = ("From: mallory@evil.test\r\nTo: " + CAROL + "\r\nSubject: open relay?\r\n\r\nSpam.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> send("127.0.0.1", "mallory@evil.test", CAROL, message))
            .isInstanceOf(MessagingException.class);
        assertThat(internet.received()).noneMatch(m -> m.text().contains("Subject: open relay?"));
    }
}
