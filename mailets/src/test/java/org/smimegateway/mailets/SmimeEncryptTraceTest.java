package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.matchers.DecisionTrace;
import org.smimegateway.policy.SecurityAttributes;

/** SmimeEncrypt explains its own decisions in the policy decision trace, where the matchers' decisions already are. */
class SmimeEncryptTraceTest {
    private static final String SENDER = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String ERIN = "erin@remote.test";

    @TempDir
    static Path dir;
    private static Path keystore;

    @BeforeAll
    static void writeKeystore() throws Exception {
        TestPki pki = TestPki.create("Trace");
        keystore = KeystoreFiles.write(dir, pki, List.of(), List.of(pki.user(CAROL)));
    }

    private static SmimeEncrypt mailet(FakeMailContext context, boolean traceHeader) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy-" + traceHeader + ".xml"),
            "<policy><trace header=\"" + traceHeader + "\"/></policy>");
        SmimeEncrypt mailet = new SmimeEncrypt();
        mailet.init(FakeMailetConfig.builder().mailetName("SmimeEncrypt").mailetContext(context)
            .setProperty("keystore", keystore.toString())
            .setProperty("keystoreName", "trace-test")
            .setProperty("policy", policy.toString())
            .setProperty("noCertificateProcessor", "outgoing")
            .build());
        return mailet;
    }

    private static FakeMail mail(String... recipients) throws MessagingException {
        // Parsed from bytes, as James hands messages over (the engine streams the raw content).
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
            "From: " + SENDER + "\r\nSubject: trace\r\nMessage-ID: <" + System.nanoTime() + "@test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nFigures.\r\n")
            .getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m").sender(SENDER).recipients(recipients).mimeMessage(message).build();
    }

    private static List<String> trace(java.util.Map<AttributeName, Attribute> attributes) {
        Attribute trace = attributes.get(AttributeName.of(SecurityAttributes.POLICY_TRACE));
        return trace == null ? List.of() : ((Collection<?>) trace.getValue().value()).stream()
            .map(v -> String.valueOf(((AttributeValue<?>) v).value())).toList();
    }

    @Test
    void recipientsSplitOffAtEncryptTimeCarryTheReasonAndTheProcessorInTheirCopysTrace() throws Exception {
        FakeMailContext context = FakeMailContext.defaultContext();
        FakeMail mail = mail(CAROL, ERIN);

        mailet(context, false).service(mail);

        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail copy = context.getSentMails().get(0);
        assertThat(copy.getState()).isEqualTo("outgoing");
        assertThat(trace(copy.getAttributes())).containsExactly(
            "SmimeEncrypt " + ERIN + ": not matched, no usable certificate at encrypt time, sent to processor outgoing");
        assertThat(DecisionTrace.lines(mail)).containsExactly(
            "SmimeEncrypt " + CAROL + ": matched, encrypted with AES256_CBC / RSA_PKCS1 (policy)");
        assertThat(mail.getMessage().getHeader(SecurityAttributes.TRACE_HEADER)).isNull();
    }

    @Test
    void aMailWithNobodyToEncryptForIsTracedBeforeItIsRerouted() throws Exception {
        FakeMail mail = mail(ERIN);

        mailet(FakeMailContext.defaultContext(), false).service(mail);

        assertThat(mail.getState()).isEqualTo("outgoing");
        assertThat(DecisionTrace.lines(mail)).containsExactly(
            "SmimeEncrypt " + ERIN + ": not matched, no usable certificate at encrypt time, sent to processor outgoing");
    }

    @Test
    void writesTheTraceHeaderWhenThePolicyAsksForIt() throws Exception {
        FakeMail mail = mail(CAROL);

        mailet(FakeMailContext.defaultContext(), true).service(mail);

        assertThat(mail.getMessage().getHeader(SecurityAttributes.TRACE_HEADER)).containsExactly(
            "SmimeEncrypt " + CAROL + ": matched, encrypted with AES256_CBC / RSA_PKCS1 (policy)");
    }
}
