package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.headers;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;
import static org.smimegateway.mailets.MailetFixture.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SmimeEncryptor;

/** The per-mail work limits of the decrypting and verifying mailets: layers and signers. */
class WorkLimitsTest {
    private static TestIdentity alice;
    private static TestIdentity dave;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        alice = MailetFixture.PKI.user("alice@gateway.test");
        dave = MailetFixture.PKI.user("dave@remote.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice);
    }

    private static MimeMessage encryptedTwiceForAlice() throws Exception {
        SmimeEncryptor encryptor = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1);
        MimeMessage once = encryptor.encrypt(message("dave@remote.test", "alice@gateway.test", "inner\r\n"),
            List.of(alice.certificate()));
        return encryptor.encrypt(once, List.of(alice.certificate()));
    }

    @Test
    void reachingMaxLayersIsALimitNotADecryptionAndTheMailGoesIntactToTheLimitProcessor() throws Exception {
        MimeMessage message = encryptedTwiceForAlice();
        FakeMail mail = mail(message, "dave@remote.test", "alice@gateway.test");
        String before = text(message);

        gateway.init(new SmimeDecrypt(), "maxLayers", "1", "limitProcessor", "smime-limit").service(mail);

        assertThat(mail.getState()).isEqualTo("smime-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE))
            .isEqualTo("SmimeDecrypt: more than 1 encryption layers (maxLayers): not decrypted");
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isNull();
        assertThat(headers(mail.getMessage(), "X-Smime-Encryption")).isEmpty();
        mail.getMessage().removeHeader(BoundedMailet.LIMIT_HEADER);
        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(gateway.context.getSentMails()).isEmpty();
    }

    @Test
    void withinMaxLayersBothLayersAreOpened() throws Exception {
        FakeMail mail = mail(encryptedTwiceForAlice(), "dave@remote.test", "alice@gateway.test");

        gateway.init(new SmimeDecrypt(), "maxLayers", "2").service(mail);

        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(true);
        assertThat(MailetFixture.body(mail.getMessage())).isEqualTo("inner\r\n");
    }

    private static MimeMessage signedBy(int signers) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        for (int i = 0; i < signers; i++) {
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA",
                dave.privateKey(), dave.certificate()));
        }
        generator.addCertificates(new JcaCertStore(List.of(dave.certificate())));
        byte[] der = generator.generate(new CMSProcessableByteArray(
            "Content-Type: text/plain\r\n\r\nmany signers\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();
        return MimeEntities.parse(("From: dave@remote.test\r\nTo: alice@gateway.test\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void moreSignersThanMaxSignersAreNotVerifiedAndTheMailGoesIntactToTheLimitProcessor() throws Exception {
        MimeMessage message = signedBy(9);
        FakeMail mail = mail(message, "dave@remote.test", "alice@gateway.test");
        String before = text(message);

        gateway.init(new SmimeVerify(), "limitProcessor", "smime-limit").service(mail);

        assertThat(mail.getState()).isEqualTo("smime-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE)).isEqualTo(
            "SmimeVerify: signature layer 0 carries 9 signers, more than 8 (maxSigners): none verified");
        assertThat(headers(mail.getMessage(), "X-Smime-Signer")).isEmpty();
        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
        mail.getMessage().removeHeader(BoundedMailet.LIMIT_HEADER);
        assertThat(text(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void upToMaxSignersEverySignerIsVerifiedAndStamped() throws Exception {
        FakeMail mail = mail(signedBy(3), "dave@remote.test", "alice@gateway.test");

        gateway.init(new SmimeVerify(), "maxSigners", "3", "harvest", "false").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-Verified-")).containsExactly(
            "X-Smime-Signer-Verified-0-0: True", "X-Smime-Signer-Verified-1-0: True", "X-Smime-Signer-Verified-2-0: True");
    }
}
