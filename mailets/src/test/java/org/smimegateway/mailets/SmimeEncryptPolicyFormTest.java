package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.smime.DecryptOutcome;
import org.smimegateway.smime.SmimeDecryptor;

/**
 * SmimeEncrypt with a policy file: the form of the encrypted message follows the recipients' policy. Header
 * protection (RFC 9788, outer Subject "[...]") only when every recipient asks for it; the legacy content type names
 * when any recipient asks for them.
 */
class SmimeEncryptPolicyFormTest {
    private static final String PROTECTED = "carol@hp.test";
    private static final String OLD = "olaf@old.test";
    private static final String PLAIN = "dave@plain.test";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path policy;
    private static List<TestIdentity> recipients;

    @BeforeAll
    static void writeKeystoreAndPolicy() throws Exception {
        TestPki pki = TestPki.create("Form");
        recipients = List.of(pki.user(PROTECTED), pki.user(OLD), pki.user(PLAIN));
        keystore = KeystoreFiles.write(dir, pki, List.of(), recipients);
        policy = Files.writeString(dir.resolve("policy.xml"), """
            <policy>
                <domain name="hp.test"><protectHeaders>true</protectHeaders></domain>
                <domain name="old.test"><legacyContentTypes>true</legacyContentTypes></domain>
            </policy>
            """);
    }

    private static SmimeEncrypt mailet() throws MessagingException {
        SmimeEncrypt mailet = new SmimeEncrypt();
        mailet.init(FakeMailetConfig.builder().mailetName("SmimeEncrypt").mailetContext(FakeMailContext.defaultContext())
            .setProperty("keystore", keystore.toString()).setProperty("keystoreName", "form-test")
            .setProperty("noCertificateProcessor", "outgoing").setProperty("policy", policy.toString()).build());
        return mailet;
    }

    private static FakeMail mail(String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
            "From: alice@gateway.test\r\nTo: " + String.join(", ", to) + "\r\nSubject: Quarterly figures\r\n"
                + "Message-ID: <form@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Figures.\r\n").getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m").sender("alice@gateway.test").recipients(to).mimeMessage(message).build();
    }

    private static MimeMessage decrypted(FakeMail mail) throws Exception {
        List<DecryptionKey> keys = recipients.stream().map(TestIdentity::asDecryptionKey).toList();
        DecryptOutcome outcome = new SmimeDecryptor(selector -> keys, false).decrypt(mail.getMessage());
        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        return ((DecryptOutcome.Decrypted) outcome).message();
    }

    @Test
    void aDomainAskingForHeaderProtectionGetsTheSubjectInsideAndDotsOutside() throws Exception {
        FakeMail mail = mail(PROTECTED);

        mailet().service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[...]");
        assertThat(mail.getMessage().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(decrypted(mail).getSubject()).isEqualTo("Quarterly figures");
        // Delivered in clear after our decryption, it is no longer a protected payload.
        assertThat(decrypted(mail).getContentType()).doesNotContain("hp=");
        assertThat(decrypted(mail).getHeader("HP-Outer")).isNull();
    }

    @Test
    void oneRecipientWithoutHeaderProtectionKeepsTheSubjectOutsideForAll() throws Exception {
        FakeMail mail = mail(PROTECTED, PLAIN);

        mailet().service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Quarterly figures");
        assertThat(decrypted(mail).getContentType()).doesNotContain("hp=");
    }

    @Test
    void oneRecipientAskingForLegacyContentTypesGetsThemForAll() throws Exception {
        FakeMail mail = mail(OLD, PLAIN);

        mailet().service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("application/x-pkcs7-mime; smime-type=enveloped-data");
        assertThat(decrypted(mail).getSubject()).isEqualTo("Quarterly figures");
    }

    @Test
    void withoutAskingTheStandardFormIsWritten() throws Exception {
        FakeMail mail = mail(PLAIN);

        mailet().service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("application/pkcs7-mime; smime-type=enveloped-data");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Quarterly figures");
    }
}
