package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.body;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;
import static org.smimegateway.mailets.MailetFixture.recipients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.smime.DecryptOutcome;
import org.smimegateway.smime.SmimeDecryptor;

class SmimeEncryptTest {
    private static final String BODY = "Confidential figures.\r\n";
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        carol = MailetFixture.PKI.user("carol@remote.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).certificate(carol);
    }

    private SmimeEncrypt mailet(String... parameters) throws Exception {
        List<String> all = new ArrayList<>(List.of("noCertificateProcessor", "plain", "unavailableProcessor", "held"));
        all.addAll(List.of(parameters));
        return gateway.init(new SmimeEncrypt(), all.toArray(String[]::new));
    }

    private static FakeMail outgoing(String... recipients) throws Exception {
        return mail(message("alice@gateway.test", String.join(", ", recipients), BODY), "alice@gateway.test", recipients);
    }

    private static String decryptedBody(MimeMessage encrypted, TestIdentity recipient) throws Exception {
        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(recipient.asDecryptionKey()), false)
            .decrypt(encrypted);
        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        return body(((DecryptOutcome.Decrypted) outcome).message());
    }

    @Test
    void encryptsForRecipientsWithACertificateAndSplitsTheOthersOffInPlaintextToTheirProcessor() throws Exception {
        FakeMail mail = outgoing("carol@remote.test", "dave@remote.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("carol@remote.test");
        assertThat(mail.getMessage().getContentType()).contains("application/pkcs7-mime");
        assertThat(decryptedBody(mail.getMessage(), carol)).isEqualTo(BODY);
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(gateway.context.getSentMails()).singleElement().satisfies(copy -> {
            assertThat(recipients(copy)).containsExactly("dave@remote.test");
            assertThat(copy.getState()).isEqualTo("plain");
            assertThat(body(copy.getMsg())).isEqualTo(BODY);
        });
    }

    @Test
    void withoutAnyCertificateRecipientsWithoutOneAndUnavailableOnesEachEndInExactlyOnePlace() throws Exception {
        OutageKeystore.install(gateway, "erin@remote.test");
        FakeMail mail = outgoing("dave@remote.test", "erin@remote.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("dave@remote.test");
        assertThat(mail.getState()).isEqualTo("plain");
        assertThat(gateway.context.getSentMails()).singleElement().satisfies(copy -> {
            assertThat(recipients(copy)).containsExactly("erin@remote.test");
            assertThat(copy.getState()).isEqualTo("held");
        });
    }

    @Test
    void allRecipientsUnavailableGoToTheUnavailableProcessorOnly() throws Exception {
        OutageKeystore.install(gateway, "erin@remote.test", "frank@remote.test");
        FakeMail mail = outgoing("erin@remote.test", "frank@remote.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("erin@remote.test", "frank@remote.test");
        assertThat(mail.getState()).isEqualTo("held");
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void encryptableNoCertificateAndUnavailableRecipientsAreThreeMailsWithoutOverlap() throws Exception {
        OutageKeystore.install(gateway, "erin@remote.test");
        FakeMail mail = outgoing("erin@remote.test", "carol@remote.test", "dave@remote.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("carol@remote.test");
        assertThat(decryptedBody(mail.getMessage(), carol)).isEqualTo(BODY);
        assertThat(gateway.context.getSentMails()).extracting(FakeMailContext.SentMail::getState,
                sent -> recipients(sent))
            .containsExactlyInAnyOrder(
                Tuple.tuple("plain", List.of("dave@remote.test")),
                Tuple.tuple("held", List.of("erin@remote.test")));
    }

    @Test
    void noRecipientWithACertificateGoesToTheNoCertificateProcessorUnchanged() throws Exception {
        FakeMail mail = outgoing("dave@remote.test");
        MimeMessage before = mail.getMessage();

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo("plain");
        assertThat(mail.getMessage()).isSameAs(before);
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void theNoCertificateProcessorIsRequired() {
        assertThatThrownBy(() -> gateway.init(new SmimeEncrypt()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'noCertificateProcessor'");
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> mailet("encryptForSendr", "true"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("encryptForSendr");
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> mailet("contentEncryption", "DES"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'contentEncryption'");
        assertThatThrownBy(() -> mailet("keyTransport", "RSA_OAEP_SHA1"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'keyTransport'");
        assertThatThrownBy(() -> mailet("encryptForSender", "1"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'encryptForSender'");
    }
}
