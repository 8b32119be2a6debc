package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * What an attacker can send: every malformed or misleading message yields a clear result, the message intact, and
 * never a verified or trusted verdict it does not deserve.
 */
@Timeout(60)
class HostileInputTest {
    private static final String AUTHSERV = "gw.test";
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity mallory;
    private static TestIdentity carol;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Hostile");
        alice = pki.user("alice@gateway.test");
        mallory = pki.user("mallory@evil.test");
        carol = pki.user("carol@remote.test");
    }

    private static MimeMessage from(String from, String entity) throws Exception {
        return MimeEntities.parse(("From: " + from + "\r\nTo: carol@remote.test\r\nSubject: hostile\r\nMIME-Version: 1.0\r\n"
            + entity).getBytes(StandardCharsets.UTF_8));
    }

    private static MimeMessage plain(String from) throws Exception {
        return from(from, "Content-Type: text/plain\r\n\r\nPay the invoice.\r\n");
    }

    /** An envelope for carol around an entity we choose byte for byte (our encryptor takes only Content-* headers). */
    private static MimeMessage envelopeAround(String entity, String outerHeaders) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(carol.certificate()));
        byte[] der = generator.generate(new CMSProcessableByteArray(entity.getBytes(StandardCharsets.US_ASCII)),
            new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded();
        return MimeEntities.parse((outerHeaders + "MIME-Version: 1.0\r\n"
            + new String(SmimeSigner.opaque(der, "enveloped-data"), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
    }

    private static SmimeSigner opaqueSigner() {
        return new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.OPAQUE);
    }

    private static InspectionResult inspect(MimeMessage message) throws Exception {
        return PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(message)));
    }

    @Test
    void aFromInsideOpaqueSignedContentMustMatchTheSignerNotTheWrapper() throws Exception {
        // Mallory signs, with his own valid certificate, content whose own From header claims to be alice; the
        // wrapper's From is his, and unwrapping delivers alice's.
        byte[] content = "From: alice@gateway.test\r\nContent-Type: text/plain\r\n\r\nPay the invoice.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA",
            mallory.privateKey(), mallory.certificate()));
        generator.addCertificates(new JcaCertStore(mallory.certificateAndChain()));
        byte[] der = generator.generate(new CMSProcessableByteArray(content), true).getEncoded();

        InspectionResult result = inspect(from("mallory@evil.test",
            new String(SmimeSigner.opaque(der, "signed-data"), StandardCharsets.US_ASCII)));

        assertThat(result.message().getFrom()[0].toString()).isEqualTo("alice@gateway.test");
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(result.signatureLayers().get(0).signers().get(0).verdict()).satisfies(verdict -> {
            assertThat(verdict.reason()).isEqualTo(VerdictReason.SIGNER_NOT_AUTHOR);
            assertThat(verdict.sentence()).isEqualTo("signed by mallory@evil.test, but From shows alice@gateway.test");
        });
    }

    @Test
    void aSignatureOverCiphertextDoesNotVouchForThePlaintextInside() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(plain("alice@gateway.test"), List.of(carol.certificate()));
        MimeMessage encryptedThenSigned = opaqueSigner().sign(encrypted, alice.asSigningIdentity());

        InspectionResult result = inspect(encryptedThenSigned);

        assertThat(result.decrypted()).isTrue();
        assertThat(result.signatureLayers().get(0).verified()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.trusted()).isFalse();
        assertThat(SecurityInfoHeaders.authenticationResults(AUTHSERV, result)).startsWith("gw.test; smime=policy");
        assertThat(new SecurityInfoHeaders("X-Smime-").render(result))
            .contains(Map.entry("X-Smime-Signer-Trusted-0-0", "False"));
    }

    @Test
    void tripleWrappedMailCountsTheInnerSignature() throws Exception {
        MimeMessage signed = opaqueSigner().sign(plain("alice@gateway.test"), alice.asSigningIdentity());
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_GCM, KeyTransport.RSA_OAEP_SHA256)
            .encrypt(signed, List.of(carol.certificate()));
        MimeMessage tripleWrapped = opaqueSigner().sign(encrypted, alice.asSigningIdentity());

        InspectionResult result = inspect(tripleWrapped);

        assertThat(result.layers()).hasSize(3);
        assertThat(result.coveringSignatureLayers()).extracting(SecurityLayer::level).containsExactly(2);
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(PeerMessages.text(result.message())).isEqualTo("Pay the invoice.\r\n");
    }

    @Test
    void badBase64InOpaqueSignedDataIsAnUnreadableSignature() throws Exception {
        MimeMessage message = from("alice@gateway.test", "Content-Type: application/pkcs7-mime; smime-type=signed-data\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nMIIB!!!!not*base64====\r\n");

        InspectionResult result = inspect(message);

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.SIGNATURE_UNREADABLE);
    }

    @Test
    void garbageSignaturePartInClearSignedMailIsNotVerified() throws Exception {
        MimeMessage message = from("alice@gateway.test", "Content-Type: multipart/signed; "
            + "protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=b1\r\n\r\n--b1\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n--b1\r\nContent-Type: application/pkcs7-signature\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\r\n--b1--\r\n");

        InspectionResult result = inspect(message);

        assertThat(result.signed()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.message().getContentType()).startsWith("multipart/signed");
    }

    @Test
    void truncatedAndAbsurdlyLongCmsAreCorruptNotCrashes() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(plain("alice@gateway.test"), List.of(carol.certificate()));
        byte[] der = PeerMessages.cms(encrypted);
        byte[] truncated = java.util.Arrays.copyOf(der, der.length / 2);
        // SEQUENCE claiming 2 GB, then the enveloped-data OID and nothing else.
        byte[] absurd = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x06, 0x09, 0x2a, (byte) 0x86,
            0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x03, (byte) 0xa0, (byte) 0x84, 0x7f, (byte) 0xff, 0x00, 0x00};

        for (byte[] hostile : List.of(truncated, absurd)) {
            for (String type : List.of("enveloped-data", "signed-data")) {
                MimeMessage message = PeerMessages.opaque(hostile, type);

                InspectionResult result = inspect(message);

                assertThat(result.decrypted()).isFalse();
                assertThat(result.verified()).isFalse();
                assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(message));
            }
        }
    }

    @Test
    void nestingDeeperThanTheLimitIsReportedAndNotVerified() throws Exception {
        MimeMessage message = plain("alice@gateway.test");
        for (int i = 0; i < 5; i++) {
            message = opaqueSigner().sign(message, alice.asSigningIdentity());
        }
        SmimeInspector inspector = new SmimeInspector(Optional.empty(),
            new SmimeVerifier(TestTrust.anchoredAt(pki.rootCertificate())), 3);

        InspectionResult result = inspector.inspect(MimeEntities.parse(MimeEntities.bytes(message)));

        assertThat(result.layers()).hasSize(4);
        assertThat(result.signatureLayers().get(3).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.TOO_DEEP);
        assertThat(result.verified()).isFalse();
    }

    @Test
    void signedDataWithoutSignerInfosIsNotVerified() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(alice.certificateAndChain()));
        byte[] der = generator.generate(new CMSProcessableByteArray(
            "Content-Type: text/plain\r\n\r\nno one signed this\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();

        InspectionResult result = inspect(PeerMessages.opaque(der, "signed-data"));

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.NO_SIGNER);
        assertThat(SecurityInfoHeaders.authenticationResults(AUTHSERV, result))
            .isEqualTo("gw.test; smime=permerror reason=\"no-signer: the signature names no signer\"");
        // Nobody vouches for the content, so it is not handed on in place of the message: the message stays as sent.
        assertThat(result.message().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(result.layers()).singleElement();
    }

    @Test
    void aSecondSignerWithoutCertificateSpoilsTheLayer() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA",
            alice.privateKey(), alice.certificate()));
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA",
            mallory.privateKey(), mallory.certificate()));
        generator.addCertificates(new JcaCertStore(alice.certificateAndChain()));
        byte[] der = generator.generate(new CMSProcessableByteArray(
            "Content-Type: text/plain\r\n\r\ntwo signers\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();

        InspectionResult result = inspect(PeerMessages.opaque(der, "signed-data"));

        List<SignerReport> signers = result.signatureLayers().get(0).signers();
        assertThat(signers).hasSize(2);
        assertThat(signers).filteredOn(SignerReport::verified).hasSize(1);
        assertThat(result.verified()).isFalse();
    }

    @Test
    void twoValidSignersAreBothReported() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA",
            alice.privateKey(), alice.certificate()));
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA384withRSA",
            carol.privateKey(), carol.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(alice.certificate(), carol.certificate(),
            pki.intermediateCertificate())));
        byte[] der = generator.generate(new CMSProcessableByteArray(
            "Content-Type: text/plain\r\n\r\ntwo signers\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();

        InspectionResult result = inspect(PeerMessages.opaque(der, "signed-data"));

        assertThat(result.signatureLayers().get(0).signers()).allMatch(SignerReport::verified);
        assertThat(result.verified()).isTrue();
        // From is alice: carol's signature is valid but not hers, so the message as a whole is not trusted.
        assertThat(result.trusted()).isFalse();
        assertThat(new SecurityInfoHeaders("X-Smime-").render(result)).extracting(Map.Entry::getKey)
            .contains("X-Smime-Signer-ID-0-0", "X-Smime-Signer-ID-1-0", "X-Smime-Signer-Trusted-Info-1-0");
    }

    @Test
    void alteredGcmCiphertextIsATagFailureAndNothingOfItIsDelivered() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_GCM, KeyTransport.RSA_PKCS1)
            .encrypt(plain("alice@gateway.test"), List.of(carol.certificate()));
        byte[] der = PeerMessages.cms(encrypted);
        // The ciphertext sits just before the 16-byte tag at the end; flip a bit in it, not in the structure.
        der[der.length - 40] ^= 0x01;
        MimeMessage tampered = PeerMessages.opaque(der, "authEnveloped-data");

        InspectionResult result = inspect(tampered);

        SecurityLayer.Encrypted layer = (SecurityLayer.Encrypted) result.layers().get(0);
        assertThat(layer.outcome()).isInstanceOf(DecryptOutcome.TagFailure.class);
        assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(tampered));
        assertThat(new String(MimeEntities.bytes(result.message()), StandardCharsets.US_ASCII)).doesNotContain("invoice");
    }

    @Test
    void securityInfoHeadersSmuggledInsideEncryptedContentCanBeRemovedAfterDecryption() throws Exception {
        MimeMessage encrypted = envelopeAround("X-Smime-Signer-Verified-0-1: True\r\n"
            + "Content-Type: text/plain\r\n\r\nPay the invoice.\r\n", "From: mallory@evil.test\r\n");
        assertThat(encrypted.getHeader("X-Smime-Signer-Verified-0-1")).isNull();
        InspectionResult result = inspect(encrypted);
        assertThat(result.message().getHeader("X-Smime-Signer-Verified-0-1")).isNotNull();

        List<String> removed = new SecurityInfoHeaders("X-Smime-").removeFrom(result.message());

        assertThat(removed).containsExactly("X-Smime-Signer-Verified-0-1");
        assertThat(result.message().getHeader("X-Smime-Signer-Verified-0-1")).isNull();
        assertThat(PeerMessages.text(result.message())).isEqualTo("Pay the invoice.\r\n");
    }

    @Test
    void encryptedContentReplacesMessageHeadersButNeverTraceHeaders() throws Exception {
        MimeMessage encrypted = envelopeAround("Subject: the real subject\r\nReceived: from forged.example\r\n"
            + "Content-Type: text/plain\r\n\r\nPay the invoice.\r\n",
            "Received: from mx.remote.test by gw.test\r\nFrom: alice@gateway.test\r\nSubject: ...\r\n");

        InspectionResult result = inspect(encrypted);

        assertThat(result.message().getSubject()).isEqualTo("the real subject");
        assertThat(result.message().getHeader("Subject")).hasSize(1);
        assertThat(result.message().getHeader("Received")).contains("from mx.remote.test by gw.test", "from forged.example");
    }
}
