package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * Our engine against GnuPG's {@code gpgsm} (Debian package gpgsm), in both directions. gpgsm 2.2 knows neither
 * RSA-OAEP nor AuthEnvelopedData and crashes importing EC keys from PKCS#12 (so no ECDH here), which is left to the
 * OpenSSL tests. It also exits 2 when any RecipientInfo before its own names a key it lacks (even though it then
 * decrypts), so envelopes here have one.
 */
class GpgsmInteropTest {
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private GpgsmHome gpgsm;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Gpgsm");
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
    }

    @BeforeEach
    void home() {
        gpgsm = GpgsmHome.create(dir, pki.rootCertificate());
    }

    @AfterEach
    void stopAgent() {
        gpgsm.close();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void gpgsmVerifiesOurClearSignatureAndTrustsTheChainWeIncluded(DigestAlgorithm digest) throws Exception {
        MimeMessage signed = new SmimeSigner(digest, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(PeerMessages.message(), alice.asSigningIdentity());
        Path content = gpgsm.file("content.txt", PeerMessages.signedContent(signed));
        Path signature = gpgsm.file("smime.p7s", PeerMessages.detachedSignature(signed));

        ExternalTool.Result result = gpgsm.gpgsm(null, "--verify", signature.toString(), content.toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stderr()).contains("Good signature").contains("alice@gateway.test");
    }

    @Test
    void gpgsmVerifiesOurEcdsaSignature() throws Exception {
        TestIdentity aliceEc = pki.endEntity("alice@gateway.test").ec().issue();
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(PeerMessages.message(), aliceEc.asSigningIdentity());
        Path content = gpgsm.file("content.txt", PeerMessages.signedContent(signed));
        Path signature = gpgsm.file("smime.p7s", PeerMessages.detachedSignature(signed));

        ExternalTool.Result result = gpgsm.gpgsm(null, "--verify", signature.toString(), content.toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
    }

    @Test
    void gpgsmVerifiesOurPssSignature() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PSS, SignFormat.CLEAR)
            .sign(PeerMessages.message(), alice.asSigningIdentity());
        Path content = gpgsm.file("content.txt", PeerMessages.signedContent(signed));
        Path signature = gpgsm.file("smime.p7s", PeerMessages.detachedSignature(signed));

        ExternalTool.Result result = gpgsm.gpgsm(null, "--verify", signature.toString(), content.toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
    }

    @Test
    void gpgsmVerifiesOurOpaqueSignature() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.OPAQUE)
            .sign(PeerMessages.message(), alice.asSigningIdentity());
        Path cms = gpgsm.file("smime.p7m", PeerMessages.cms(signed));

        ExternalTool.Result result = gpgsm.gpgsm(null, "--verify", cms.toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stderr()).contains("Good signature");
    }

    @ParameterizedTest
    @EnumSource(value = ContentEncryption.class, names = {"AES128_CBC", "AES256_CBC"})
    void gpgsmDecryptsOurEnvelope(ContentEncryption algorithm) throws Exception {
        gpgsm.importIdentity(carol);
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1)
            .encrypt(PeerMessages.message(), List.of(carol.certificate()));
        Path cms = gpgsm.file("smime.p7m", PeerMessages.cms(encrypted));

        ExternalTool.Result result = gpgsm.withPassphrase("--decrypt", cms.toString()).assertSuccess();

        assertThat(result.stdoutText()).startsWith("Content-Type: text/plain; charset=utf-8").endsWith(PeerMessages.BODY);
    }

    @Test
    void weVerifyAndTrustWhatGpgsmSigned() throws Exception {
        gpgsm.importIdentity(alice);
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nSigned by gpgsm\r\n".getBytes(StandardCharsets.US_ASCII);
        Path content = gpgsm.file("entity.txt", entity);
        ExternalTool.Result signature = gpgsm.withPassphrase("--local-user", "alice@gateway.test", "--detach-sign",
            content.toString()).assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki).inspect(PeerMessages.clearSigned(entity, signature.stdout()));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.signatureLayers().get(0).signers().get(0).emails()).containsExactly("alice@gateway.test");
    }

    @Test
    void weDecryptWhatGpgsmEncryptedByteExact() throws Exception {
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nEncrypted by gpgsm\r\n".getBytes(StandardCharsets.US_ASCII);
        importCertificate(carol);
        Path content = gpgsm.file("entity.txt", entity);
        ExternalTool.Result encrypted = gpgsm.gpgsm(null, "--encrypt", "--recipient", "carol@remote.test",
            content.toString()).assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki, carol)
            .inspect(PeerMessages.opaque(encrypted.stdout(), "enveloped-data"));

        assertThat(result.decrypted()).isTrue();
        assertThat(PeerMessages.text(result.message())).isEqualTo("Encrypted by gpgsm\r\n");
        assertThat(((SecurityLayer.Encrypted) result.layers().get(0)).algorithm()).startsWith("AES");
    }

    private void importCertificate(TestIdentity identity) {
        Path pem = PkiFiles.writePem(dir.resolve(identity.certificate().getSerialNumber().toString(16) + ".pem"),
            identity.certificateAndChain().toArray(X509Certificate[]::new));
        gpgsm.gpgsm(null, "--import", pem.toString()).assertSuccess();
    }
}
