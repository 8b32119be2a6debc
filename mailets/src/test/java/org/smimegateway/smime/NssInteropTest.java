package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * Our engine against NSS {@code cmsutil} (Thunderbird's S/MIME library; Debian package libnss3-tools), both ways.
 * NSS 3.87 (Debian 12) has neither RSA-OAEP, ECDH nor AuthEnvelopedData in CMS, so envelopes here are RSA PKCS#1
 * v1.5 with AES-CBC; the other algorithms are checked against OpenSSL.
 */
class NssInteropTest {
    /** cmsutil's certificate usage for "e-mail signer" (SECCertUsage certUsageEmailSigner). */
    private static final String EMAIL_SIGNER = "4";

    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity aliceEc;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private NssDatabase nss;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Nss");
        alice = pki.user("alice@gateway.test");
        aliceEc = pki.endEntity("alice@gateway.test").ec().issue();
        carol = pki.user("carol@remote.test");
    }

    @BeforeEach
    void database() {
        nss = NssDatabase.create(dir, pki.rootCertificate());
    }

    @ParameterizedTest
    @CsvSource({"SHA256, RSA_PKCS1, rsa", "SHA512, RSA_PKCS1, rsa", "SHA256, RSA_PSS, rsa", "SHA384, RSA_PKCS1, ec"})
    void cmsutilVerifiesOurClearSignature(DigestAlgorithm digest, SignatureScheme scheme, String key) throws Exception {
        TestIdentity signer = key.equals("ec") ? aliceEc : alice;
        MimeMessage signed = new SmimeSigner(digest, scheme, SignFormat.CLEAR)
            .sign(PeerMessages.message(), signer.asSigningIdentity());
        Path content = nss.file("content.txt", PeerMessages.signedContent(signed));
        Path signature = nss.file("smime.p7s", PeerMessages.detachedSignature(signed));

        ExternalTool.Result result = nss.cmsutil("-D", "-i", signature.toString(), "-c", content.toString(),
            "-u", EMAIL_SIGNER);

        assertThat(result.succeeded()).as(result.describe()).isTrue();
    }

    @Test
    void cmsutilRejectsOurSignatureOverAlteredContent() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(PeerMessages.message(), alice.asSigningIdentity());
        byte[] altered = PeerMessages.signedContent(signed);
        altered[altered.length - 3] ^= 0x20;
        Path content = nss.file("content.txt", altered);
        Path signature = nss.file("smime.p7s", PeerMessages.detachedSignature(signed));

        ExternalTool.Result result = nss.cmsutil("-D", "-i", signature.toString(), "-c", content.toString(),
            "-u", EMAIL_SIGNER);

        assertThat(result.succeeded()).as(result.describe()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ContentEncryption.class, names = {"AES128_CBC", "AES256_CBC"})
    void cmsutilDecryptsOurEnvelope(ContentEncryption algorithm) throws Exception {
        nss.importIdentity(carol);
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1)
            .encrypt(PeerMessages.message(), List.of(alice.certificate(), carol.certificate()));
        Path cms = nss.file("smime.p7m", PeerMessages.cms(encrypted));

        ExternalTool.Result result = nss.cmsutil("-D", "-i", cms.toString()).assertSuccess();

        assertThat(result.stdoutText()).startsWith("Content-Type: text/plain; charset=utf-8").endsWith(PeerMessages.BODY);
    }

    @Test
    void weVerifyAndTrustWhatCmsutilSignedOpaque() throws Exception {
        String nickname = nss.importIdentity(alice);
        Path entity = nss.file("entity.txt",
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nSigned by NSS\r\n".getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("signed.p7m");
        nss.cmsutil("-S", "-N", nickname, "-H", "SHA256", "-G", "-P", "-i", entity.toString(), "-o", out.toString())
            .assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki).inspect(PeerMessages.opaque(Files.readAllBytes(out), "signed-data"));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(PeerMessages.text(result.message())).isEqualTo("Signed by NSS\r\n");
    }

    @Test
    void weVerifyAndTrustWhatCmsutilSignedDetached() throws Exception {
        String nickname = nss.importIdentity(alice);
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nDetached by NSS\r\n".getBytes(StandardCharsets.US_ASCII);
        Path out = dir.resolve("smime.p7s");
        nss.cmsutil("-S", "-T", "-N", nickname, "-H", "SHA256", "-G", "-P", "-i", nss.file("entity.txt", entity).toString(),
            "-o", out.toString()).assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki).inspect(PeerMessages.clearSigned(entity, Files.readAllBytes(out)));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @Test
    void weDecryptWhatCmsutilEncryptedForTwoRecipients() throws Exception {
        nss.importIdentity(carol);
        nss.importIdentity(alice);
        Path entity = nss.file("entity.txt",
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nEncrypted by NSS\r\n".getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("enveloped.p7m");
        nss.cmsutil("-E", "-r", "carol@remote.test,alice@gateway.test", "-i", entity.toString(), "-o", out.toString())
            .assertSuccess();
        MimeMessage envelope = PeerMessages.opaque(Files.readAllBytes(out), "enveloped-data");

        for (TestIdentity recipient : List.of(carol, alice)) {
            InspectionResult result = PeerMessages.inspector(pki, recipient).inspect(envelope);

            assertThat(result.decrypted()).as(recipient.toString()).isTrue();
            assertThat(PeerMessages.text(result.message())).isEqualTo("Encrypted by NSS\r\n");
        }
    }
}
