package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/** Our engine against itself and against OpenSSL's {@code cms}, in both directions. */
class SmimeEngineTest {
    private static final String BODY = "Hello Carol,\r\n\r\nthe figures are attached. Gr\u00fc\u00dfe!\r\n";
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;
    private static TestIdentity carolEc;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
        carolEc = pki.endEntity("carol.ec@remote.test").ec().issue();
    }

    private static MimeMessage message() throws Exception {
        String raw = "From: Alice <alice@gateway.test>\r\nTo: carol@remote.test\r\nSubject: figures\r\n"
            + "Message-ID: <1@gateway.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + BODY;
        return MimeEntities.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static SmimeInspector inspector(TestIdentity... keyHolders) {
        List<DecryptionKey> keys = java.util.Arrays.stream(keyHolders).map(TestIdentity::asDecryptionKey).toList();
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> keys.stream()
            .filter(k -> matches(selector, k)).toList(), false);
        return new SmimeInspector(Optional.of(decryptor), new SmimeVerifier(TestTrust.anchoredAt(pki.rootCertificate())));
    }

    private static boolean matches(org.smimegateway.keystore.KeySelector selector, DecryptionKey key) {
        if (selector instanceof org.smimegateway.keystore.KeySelector.IssuerAndSerial is) {
            return is.issuer().equals(key.certificate().getIssuerX500Principal())
                && is.serialNumber().equals(key.certificate().getSerialNumber());
        }
        return false;
    }

    private static String textOf(MimeMessage message) throws Exception {
        return new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void clearSignedMessageVerifiesAndIsTrustedByOurVerifier() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), alice.asSigningIdentity());

        InspectionResult result = inspector().inspect(MimeEntities.parse(MimeEntities.bytes(signed)));

        assertThat(signed.getContentType()).startsWith("multipart/signed").contains("micalg=sha-256");
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.signatureLayers().get(0).signers().get(0).emails()).containsExactly("alice@gateway.test");
    }

    @Test
    void eightBitContentIsSignedSevenBitSafe() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), alice.asSigningIdentity());

        byte[] bytes = MimeEntities.bytes(signed);
        for (byte b : bytes) {
            assertThat(b).isGreaterThanOrEqualTo((byte) 0);
        }
    }

    @Test
    void alteredContentIsNotVerified() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), alice.asSigningIdentity());
        String tampered = new String(MimeEntities.bytes(signed), StandardCharsets.US_ASCII).replace("figures are", "figures ARE");

        InspectionResult result = inspector().inspect(MimeEntities.parse(tampered.getBytes(StandardCharsets.US_ASCII)));

        assertThat(result.signed()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.trusted()).isFalse();
    }

    @Test
    void signatureFromAnotherRootIsVerifiedButNotTrusted() throws Exception {
        TestIdentity stranger = TestPki.create("Elsewhere").user("alice@gateway.test");
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA384, SignatureScheme.RSA_PKCS1, SignFormat.OPAQUE)
            .sign(message(), stranger.asSigningIdentity());

        InspectionResult result = inspector().inspect(MimeEntities.parse(MimeEntities.bytes(signed)));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(textOf(result.message())).isEqualTo(BODY);
    }

    @Test
    void signerNotMatchingFromIsNotTrusted() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), carol.asSigningIdentity());

        InspectionResult result = inspector().inspect(MimeEntities.parse(MimeEntities.bytes(signed)));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(result.signatureLayers().get(0).signers().get(0).verdict().reason())
            .isEqualTo(VerdictReason.SIGNER_NOT_AUTHOR);
        assertThat(result.signatureLayers().get(0).signers().get(0).trustInfo())
            .isEqualTo("signed by carol@remote.test, but From shows alice@gateway.test");
    }

    @Test
    void encryptedForRsaAndEcRecipientsDecryptsByteExactForEach() throws Exception {
        for (ContentEncryption algorithm : ContentEncryption.values()) {
            MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_OAEP_SHA256)
                .encrypt(message(), List.of(carol.certificate(), carolEc.certificate()));
            byte[] wire = MimeEntities.bytes(encrypted);

            InspectionResult asCarol = inspector(carol).inspect(MimeEntities.parse(wire));
            InspectionResult asCarolEc = inspector(carolEc).inspect(MimeEntities.parse(wire));

            assertThat(asCarol.decrypted()).as(algorithm.name()).isTrue();
            assertThat(asCarolEc.decrypted()).as(algorithm.name()).isTrue();
            assertThat(textOf(asCarol.message())).isEqualTo(BODY);
            assertThat(textOf(asCarolEc.message())).isEqualTo(BODY);
            assertThat(asCarol.message().getSubject()).isEqualTo("figures");
        }
    }

    @Test
    void withoutOurKeyTheLayerStaysEncryptedWithAReason() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()));

        InspectionResult result = inspector(alice).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));

        assertThat(result.decrypted()).isFalse();
        SecurityLayer.Encrypted layer = (SecurityLayer.Encrypted) result.layers().get(0);
        assertThat(layer.outcome()).isInstanceOf(DecryptOutcome.NoKey.class);
        assertThat(result.message().getContentType()).contains("application/pkcs7-mime");
    }

    @Test
    void tamperedGcmCiphertextIsATagFailureAndReleasesNothing() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_GCM, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()));
        byte[] der = encrypted.getInputStream().readAllBytes();
        der[der.length - 40] ^= 0x01;
        MimeMessage tampered = MimeEntities.withEntity(encrypted,
            SmimeSigner.opaque(der, "authEnveloped-data"));

        InspectionResult result = inspector(carol).inspect(MimeEntities.parse(MimeEntities.bytes(tampered)));

        SecurityLayer.Encrypted layer = (SecurityLayer.Encrypted) result.layers().get(0);
        assertThat(layer.outcome()).isInstanceOfAny(DecryptOutcome.TagFailure.class, DecryptOutcome.Corrupt.class);
        assertThat(result.message().getContentType()).contains("application/pkcs7-mime");
    }

    @Test
    void authEnvelopedDataWithARecipientOfUnknownKindIsCorruptNotAnException() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_GCM, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()));
        byte[] der = encrypted.getInputStream().readAllBytes();
        byte[] recipient = AuthEnvelopedData.getInstance(ContentInfo.getInstance(der).getContent())
            .getRecipientInfos().getObjectAt(0).toASN1Primitive().getEncoded();
        // [5] instead of SEQUENCE: RFC 5652 defines RecipientInfo choices [1] to [4] only (found by fuzzing).
        der[indexOf(der, recipient)] = (byte) 0xA5;
        MimeMessage odd = MimeEntities.withEntity(encrypted, SmimeSigner.opaque(der, "authEnveloped-data"));

        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(carol.asDecryptionKey()), false)
            .decrypt(MimeEntities.parse(MimeEntities.bytes(odd)));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Corrupt.class);
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void openSslVerifiesOurClearSignatureAndDecryptsOurEnvelope() throws Exception {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        Path root = PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate());
        Path carolCert = PkiFiles.writePem(dir.resolve("carol.pem"), carol.certificate());
        Path carolKey = PkiFiles.writePrivateKeyPem(dir.resolve("carol.key"), carol);
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), alice.asSigningIdentity());
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(signed, List.of(carol.certificate()));

        ExternalTool.Result decrypted = openssl.run(dir, MimeEntities.bytes(encrypted), "cms", "-decrypt",
            "-recip", carolCert.toString(), "-inkey", carolKey.toString()).assertSuccess();
        ExternalTool.Result verified = openssl.run(dir, decrypted.stdout(), "cms", "-verify", "-CAfile", root.toString(),
            "-purpose", "smimesign").assertSuccess();

        assertThat(verified.stderr()).contains("Verification successful");
        assertThat(verified.stdoutText()).contains("the figures are attached. Gr=C3=BC=C3=9Fe!");
    }

    @Test
    void weDecryptAndVerifyWhatOpenSslSignedAndEncrypted() throws Exception {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        Path aliceCert = PkiFiles.writePem(dir.resolve("alice.pem"), alice.certificate());
        Path aliceKey = PkiFiles.writePrivateKeyPem(dir.resolve("alice.key"), alice);
        Path chain = PkiFiles.writePem(dir.resolve("chain.pem"), pki.intermediateCertificate());
        Path carolCert = PkiFiles.writePem(dir.resolve("carol.pem"), carol.certificate());
        Path entity = Files.writeString(dir.resolve("entity.txt"), "Content-Type: text/plain\r\n\r\n" + "Hi from OpenSSL\r\n");
        ExternalTool.Result signed = openssl.run(dir, null, "cms", "-sign", "-in", entity.toString(), "-signer",
            aliceCert.toString(), "-inkey", aliceKey.toString(), "-certfile", chain.toString()).assertSuccess();
        ExternalTool.Result encrypted = openssl.run(dir, signed.stdout(), "cms", "-encrypt", "-aes256",
            "-from", "alice@gateway.test", "-to", "carol@remote.test", "-subject", "from openssl",
            "-recip", carolCert.toString(), "-keyopt", "rsa_padding_mode:oaep").assertSuccess();

        InspectionResult result = inspector(carol).inspect(MimeEntities.parse(encrypted.stdout()));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(((SecurityLayer.Encrypted) result.layers().get(0)).algorithm()).isEqualTo("AES256_CBC");
        assertThat(result.message().getSubject()).isEqualTo("from openssl");
    }
}
