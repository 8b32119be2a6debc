package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.body;
import static org.smimegateway.mailets.MailetFixture.headers;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;
import static org.smimegateway.mailets.MailetFixture.recipients;
import static org.smimegateway.mailets.MailetFixture.text;

import java.nio.file.Path;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.SmimeEncryptor;

class SmimeDecryptTest {
    private static final String BODY = "Only for the envelope's recipients: the figures.\r\n";
    private static TestIdentity alice;
    private static TestIdentity bob;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        alice = MailetFixture.PKI.user("alice@gateway.test");
        bob = MailetFixture.PKI.user("bob@gateway.test");
        carol = MailetFixture.PKI.user("carol@gateway.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice).key(bob);
    }

    private static MimeMessage encryptedFor(TestIdentity... recipients) throws Exception {
        return new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1).encrypt(
            message("dave@remote.test", "alice@gateway.test, bob@gateway.test", BODY),
            java.util.Arrays.stream(recipients).map(TestIdentity::certificate).toList());
    }

    private SmimeDecrypt mailet(String... parameters) throws Exception {
        return gateway.init(new SmimeDecrypt(), parameters);
    }

    @Test
    void aLocalRecipientWithoutARecipientInfoKeepsTheCiphertextWhileTheOtherGetsThePlaintext() throws Exception {
        FakeMail mail = mail(encryptedFor(alice), "dave@remote.test", "alice@gateway.test", "bob@gateway.test");

        mailet().service(mail);

        // Bob holds a key, but none the sender encrypted for: he keeps the encrypted mail and the reason.
        assertThat(recipients(mail)).containsExactly("bob@gateway.test");
        assertThat(mail.getMessage().getContentType()).contains("application/pkcs7-mime");
        assertThat(text(mail.getMessage())).doesNotContain("envelope's recipients");
        assertThat(headers(mail.getMessage(), "X-Smime-Decryption-Failed-0"))
            .singleElement().asString().contains("no private key");
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(false);
        assertThat(mail.getState()).isEqualTo("transport");
        // Alice gets her own copy, decrypted, in the processor the mail was in.
        FakeMailContext.SentMail copy = gateway.context.getSentMails().get(0);
        assertThat(gateway.context.getSentMails()).hasSize(1);
        assertThat(recipients(copy)).containsExactly("alice@gateway.test");
        assertThat(copy.getState()).isEqualTo("transport");
        assertThat(body(copy.getMsg())).isEqualTo(BODY);
        assertThat(headers(copy.getMsg(), "X-Smime-")).containsExactly(
            "X-Smime-Encryption-Algorithm-0: AES128_CBC",
            "X-Smime-Encryption-Key-Transport-0: RSA_PKCS1",
            "X-Smime-Encryption-Recipient-0-0: " + recipientId(alice));
        assertThat(copy.getAttributes().get(AttributeName.of(SecurityAttributes.DECRYPTED))
            .getValue().value()).isEqualTo(true);
    }

    @Test
    void recipientsWithDifferentKeysEachDecryptWithTheirOwn() throws Exception {
        FakeMail mail = mail(encryptedFor(alice, bob), "dave@remote.test", "alice@gateway.test", "bob@gateway.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("alice@gateway.test");
        assertThat(body(mail.getMessage())).isEqualTo(BODY);
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(true);
        assertThat(gateway.context.getSentMails()).singleElement().satisfies(copy -> {
            assertThat(recipients(copy)).containsExactly("bob@gateway.test");
            assertThat(body(copy.getMsg())).isEqualTo(BODY);
            assertThat(copy.getMsg()).isNotSameAs(mail.getMessage());
        });
    }

    @Test
    void oneRecipientWithAKeyForTheEnvelopeDecryptsInPlace() throws Exception {
        FakeMail mail = mail(encryptedFor(bob), "dave@remote.test", "bob@gateway.test");

        mailet().service(mail);

        assertThat(body(mail.getMessage())).isEqualTo(BODY);
        assertThat(attribute(mail, SmimeDecrypt.DECRYPTED_LAYERS)).isEqualTo(1);
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void anotherUsersKeyNeverOpensMailForARecipientWithoutOne() throws Exception {
        // Carol is local but the gateway holds no key of hers; the envelope is Alice's.
        FakeMail mail = mail(encryptedFor(alice), "dave@remote.test", "carol@gateway.test");

        mailet().service(mail);

        assertThat(text(mail.getMessage())).doesNotContain("envelope's recipients");
        assertThat(attribute(mail, SecurityAttributes.ENCRYPTED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(false);
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void recipientsSharingTheDomainKeyShareOneDecryption() throws Exception {
        TestIdentity domain = MailetFixture.PKI.endEntity("postmaster@gateway.test").issue();
        gateway.domainKey("gateway.test", domain);
        FakeMail mail = mail(encryptedFor(domain), "dave@remote.test", "carol@gateway.test", "erin@gateway.test");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("carol@gateway.test", "erin@gateway.test");
        assertThat(body(mail.getMessage())).isEqualTo(BODY);
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void aMailThisMailetAlreadyStampedIsNotDecryptedAgain() throws Exception {
        MimeMessage encrypted = encryptedFor(alice);
        FakeMail mail = FakeMail.builder().name("copy").mimeMessage(encrypted).sender("dave@remote.test")
            .recipients("alice@gateway.test").state("transport")
            .attribute(new Attribute(AttributeName.of(SmimeDecrypt.REPORTED_LAYERS), AttributeValue.of(1))).build();

        mailet().service(mail);

        assertThat(mail.getMessage()).isSameAs(encrypted);
        assertThat(headers(encrypted, "X-Smime-")).isEmpty();
    }

    @Test
    void undecryptableMailGoesToTheFailureProcessorWithItsBytesAndTheReason() throws Exception {
        MimeMessage encrypted = encryptedFor(carol);
        String before = body(encrypted);
        FakeMail mail = mail(encrypted, "dave@remote.test", "alice@gateway.test");

        mailet("failureProcessor", "quarantine").service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(body(mail.getMessage())).isEqualTo(before);
        assertThat(headers(mail.getMessage(), "X-Smime-")).contains(
            "X-Smime-Encryption-Algorithm-0: AES128_CBC",
            "X-Smime-Encryption-Recipient-0-0: " + recipientId(carol));
        assertThat(headers(mail.getMessage(), "X-Smime-Decryption-Failed-0")).hasSize(1);
        assertThat(headers(mail.getMessage(), "X-Smime-Decryption-Reason-0"))
            .containsExactly("X-Smime-Decryption-Reason-0: no-key");
    }

    @Test
    void splitOffUndecryptableRecipientsGoToTheFailureProcessor() throws Exception {
        FakeMail mail = mail(encryptedFor(alice), "dave@remote.test", "carol@gateway.test", "alice@gateway.test");

        mailet("failureProcessor", "quarantine").service(mail);

        // The mail keeps the still-encrypted message, so it carries Carol; Alice's copy stays in transport.
        assertThat(recipients(mail)).containsExactly("carol@gateway.test");
        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(gateway.context.getSentMails()).singleElement().satisfies(copy -> {
            assertThat(recipients(copy)).containsExactly("alice@gateway.test");
            assertThat(copy.getState()).isEqualTo("transport");
        });
    }

    @Test
    void mailLargerThanMaxMessageSizeIsLeftEncryptedWithTheReason() throws Exception {
        FakeMail mail = FakeMail.builder().name("large").mimeMessage(encryptedFor(alice)).sender("dave@remote.test")
            .recipients("alice@gateway.test").state("transport").size(2048).build();

        mailet("maxMessageSize", "1k", "failureProcessor", "quarantine").service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(mail.getMessage().getContentType()).contains("application/pkcs7-mime");
        assertThat(headers(mail.getMessage(), "X-Smime-")).containsExactly(
            "X-Smime-Decryption-Failed-0: not decrypted: larger than maxMessageSize (1024 bytes)",
            "X-Smime-Decryption-Reason-0: too-large");
    }

    @Test
    void mailThatIsNotEncryptedIsLeftAlone() throws Exception {
        MimeMessage plain = message("dave@remote.test", "alice@gateway.test", BODY);
        FakeMail mail = mail(plain, "dave@remote.test", "alice@gateway.test");

        mailet().service(mail);

        assertThat(mail.getMessage()).isSameAs(plain);
        assertThat(headers(plain, "X-Smime-")).isEmpty();
        assertThat(attribute(mail, SecurityAttributes.ENCRYPTED)).isNull();
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> mailet("failureProccessor", "quarantine"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("failureProccessor");
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> mailet("maxLayers", "0"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxLayers'").hasMessageContaining("1 to 32");
        assertThatThrownBy(() -> mailet("maxMessageSize", "huge"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxMessageSize'");
        assertThatThrownBy(() -> mailet("allowLegacyAlgorithms", "yes"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'allowLegacyAlgorithms'");
    }

    static String recipientId(TestIdentity identity) {
        // RFC 4514 order, most specific first (the JDK's RFC 2253 form, identical for these plain names).
        return "issuer=\"" + identity.certificate().getIssuerX500Principal().getName() + "\", serial="
            + identity.certificate().getSerialNumber().toString(16);
    }
}
