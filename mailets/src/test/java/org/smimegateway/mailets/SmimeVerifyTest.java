package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.headers;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.mail.MessagingException;
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
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.DigestAlgorithm;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SignFormat;
import org.smimegateway.smime.SignatureScheme;
import org.smimegateway.smime.SmimeEncryptor;
import org.smimegateway.smime.SmimeSigner;

class SmimeVerifyTest {
    private static final String BODY = "Signed by Dave.\r\n";
    private static TestIdentity dave;
    private static TestIdentity alice;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        dave = MailetFixture.PKI.user("dave@remote.test");
        alice = MailetFixture.PKI.user("alice@gateway.test");
        carol = MailetFixture.PKI.user("carol@gateway.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice);
    }

    private SmimeVerify mailet(String... parameters) throws Exception {
        return gateway.init(new SmimeVerify(), parameters);
    }

    private static MimeMessage signedByDave(SignFormat format) throws Exception {
        return new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, format)
            .sign(message("dave@remote.test", "alice@gateway.test", BODY), dave.asSigningIdentity());
    }

    @Test
    void aTrustedSignatureIsStampedAsHeadersAuthenticationResultsAndAttributes() throws Exception {
        FakeMail mail = mail(signedByDave(SignFormat.CLEAR), "dave@remote.test", "alice@gateway.test");

        mailet().service(mail);

        assertThat(headers(mail.getMessage(), "X-Smime-Signer-")).contains(
            "X-Smime-Signer-Email-0-0: dave@remote.test",
            "X-Smime-Signer-Verified-0-0: True",
            "X-Smime-Signer-Trusted-0-0: True");
        assertThat(mail.getMessage().getHeader("Authentication-Results", null))
            .startsWith("gateway.test; smime=pass body.smime-identifier=dave@remote.test");
        assertThat(attribute(mail, SecurityAttributes.SIGNED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER)).isEqualTo("dave@remote.test");
    }

    @Test
    void theVerifiedSignersCertificateIsHarvestedSoMailToHimCanBeEncrypted() throws Exception {
        assertThat(gateway.provider().encryptionCertificates("dave@remote.test")).isInstanceOf(Lookup.NotFound.class);
        FakeMail mail = mail(signedByDave(SignFormat.CLEAR), "dave@remote.test", "alice@gateway.test");

        mailet().service(mail);

        Lookup<EncryptionCertificates> after = gateway.provider().encryptionCertificates("dave@remote.test");
        assertThat(after).isInstanceOf(Lookup.Found.class);
        assertThat(((Lookup.Found<EncryptionCertificates>) after).value().usable()).containsExactly(dave.certificate());
    }

    @Test
    void withHarvestOffTheKeystoreLearnsNothing() throws Exception {
        FakeMail mail = mail(signedByDave(SignFormat.CLEAR), "dave@remote.test", "alice@gateway.test");

        mailet("harvest", "false").service(mail);

        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(true);
        assertThat(gateway.provider().encryptionCertificates("dave@remote.test")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void opaqueSignaturesAreUnwrappedAndStamped() throws Exception {
        FakeMail mail = mail(signedByDave(SignFormat.OPAQUE), "dave@remote.test", "alice@gateway.test");

        mailet().service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
        assertThat(MailetFixture.body(mail.getMessage())).isEqualTo(BODY);
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-Verified-0-0")).containsExactly(
            "X-Smime-Signer-Verified-0-0: True");
    }

    @Test
    void sha1SignaturesAreRefusedUnlessTheInsecureOptInIsGiven() throws Exception {
        FakeMail refused = mail(sha1SignedByDave(), "dave@remote.test", "alice@gateway.test");
        FakeMail accepted = mail(sha1SignedByDave(), "dave@remote.test", "alice@gateway.test");

        mailet("harvest", "false").service(refused);
        mailet("harvest", "false", "acceptInsecureSha1Signatures", "true").service(accepted);

        assertThat(attribute(refused, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(false);
        assertThat(headers(refused.getMessage(), "X-Smime-Signer-Verified-0-0")).containsExactly(
            "X-Smime-Signer-Verified-0-0: False");
        assertThat(attribute(accepted, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(true);
    }

    /** A clear-signed message whose signature uses SHA-1, as old clients make them. */
    private static MimeMessage sha1SignedByDave() throws Exception {
        byte[] entity = ("Content-Type: text/plain; charset=us-ascii\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
            .build("SHA1withRSA", dave.privateKey(), dave.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(dave.certificate(), MailetFixture.PKI.intermediateCertificate())));
        byte[] signature = generator.generate(new CMSProcessableByteArray(entity), false).getEncoded();
        String raw = "From: dave@remote.test\r\nTo: alice@gateway.test\r\nSubject: old client\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-1;"
            + " boundary=\"b1\"\r\n\r\n--b1\r\n" + new String(entity, StandardCharsets.US_ASCII) + "\r\n--b1\r\n"
            + "Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(signature) + "\r\n--b1--\r\n";
        return MimeEntities.parse(raw.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void chainedAfterAFailedDecryptionEveryEncryptionHeaderAppearsOnce() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(signedByDave(SignFormat.CLEAR), List.of(carol.certificate()));
        FakeMail mail = mail(encrypted, "dave@remote.test", "alice@gateway.test");

        gateway.init(new SmimeDecrypt()).service(mail);
        mailet().service(mail);

        List<String> stamped = headers(mail.getMessage(), "X-Smime-");
        assertThat(stamped).containsExactly(
            "X-Smime-Encryption-Algorithm-0: AES128_CBC",
            "X-Smime-Encryption-Recipient-0-0: " + SmimeDecryptTest.recipientId(carol),
            "X-Smime-Decryption-Failed-0: no private key for any of [" + SmimeDecryptTest.recipientId(carol) + "]",
            "X-Smime-Decryption-Reason-0: no-key");
        assertThat(mail.getMessage().getHeader("Authentication-Results", null)).isEqualTo("gateway.test; smime=none");
    }

    @Test
    void chainedAfterDecryptionTheSignatureInsideIsStampedOneLevelDown() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(signedByDave(SignFormat.CLEAR), List.of(alice.certificate()));
        FakeMail mail = mail(encrypted, "dave@remote.test", "alice@gateway.test");

        gateway.init(new SmimeDecrypt()).service(mail);
        mailet().service(mail);

        List<String> stamped = headers(mail.getMessage(), "X-Smime-");
        assertThat(stamped).filteredOn(h -> h.startsWith("X-Smime-Encryption-Algorithm-"))
            .containsExactly("X-Smime-Encryption-Algorithm-0: AES128_CBC");
        assertThat(stamped).noneMatch(h -> h.contains("-0-0: ") && h.startsWith("X-Smime-Signer-"))
            .contains("X-Smime-Signer-Verified-0-1: True", "X-Smime-Signer-Trusted-0-1: True");
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(true);
    }

    @Test
    void aSignedMessageOverMaxMessageSizeIsReportedNotVerified() throws Exception {
        FakeMail mail = FakeMail.builder().name("large").mimeMessage(signedByDave(SignFormat.CLEAR))
            .sender("dave@remote.test").recipients("alice@gateway.test").state("transport").size(4096).build();

        mailet("maxMessageSize", "2k").service(mail);

        assertThat(headers(mail.getMessage(), "X-Smime-Signer-")).containsExactly(
            "X-Smime-Signer-Verified-0-0: False",
            "X-Smime-Signer-Trusted-0-0: False",
            "X-Smime-Signer-Trusted-Info-0-0: not checked: the message is larger than this gateway checks"
                + " (maxMessageSize, 2048 bytes)",
            "X-Smime-Signer-Reason-0-0: too-large");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(false);
        assertThat(gateway.provider().encryptionCertificates("dave@remote.test")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> mailet("acceptSha1", "true"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("acceptSha1");
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> mailet("maxLayers", "33"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxLayers'").hasMessageContaining("1 to 32");
        assertThatThrownBy(() -> mailet("acceptInsecureSha1Signatures", "sometimes"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'acceptInsecureSha1Signatures'");
        assertThatThrownBy(() -> mailet("unwrapOpaque", "no"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'unwrapOpaque'");
        assertThatThrownBy(() -> mailet("maxMessageSize", "-1"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxMessageSize'");
    }
}
