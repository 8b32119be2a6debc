package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * Every signature and encryption variant the engine offers, read by {@code openssl cms} (Debian package openssl)
 * from the whole MIME message; and OpenSSL's variants read by us.
 */
class OpenSslInteropTest {
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity aliceEc;
    private static TestIdentity carol;
    private static TestIdentity carolEc;

    @TempDir
    Path dir;
    private ExternalTool openssl;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("OpenSsl");
        alice = pki.user("alice@gateway.test");
        aliceEc = pki.endEntity("alice@gateway.test").ec().issue();
        carol = pki.user("carol@remote.test");
        carolEc = pki.endEntity("carol.ec@remote.test").ec().issue();
    }

    @BeforeEach
    void tool() {
        openssl = ExternalTool.require("openssl", "openssl");
    }

    private String pem(String name, TestIdentity identity) {
        return PkiFiles.writePem(dir.resolve(name + ".pem"), identity.certificate()).toString();
    }

    private String key(String name, TestIdentity identity) {
        return PkiFiles.writePrivateKeyPem(dir.resolve(name + ".key"), identity).toString();
    }

    private String root() {
        return PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate()).toString();
    }

    @ParameterizedTest
    @CsvSource({"SHA256, RSA_PKCS1, rsa, CLEAR", "SHA384, RSA_PKCS1, rsa, OPAQUE", "SHA512, RSA_PSS, rsa, CLEAR",
        "SHA256, RSA_PSS, rsa, OPAQUE", "SHA256, RSA_PKCS1, ec, CLEAR", "SHA512, RSA_PKCS1, ec, OPAQUE"})
    void openSslVerifiesEverySignatureVariantWithTheChainWeIncluded(DigestAlgorithm digest, SignatureScheme scheme,
                                                                     String key, SignFormat format) throws Exception {
        TestIdentity signer = key.equals("ec") ? aliceEc : alice;
        MimeMessage signed = new SmimeSigner(digest, scheme, format).sign(PeerMessages.message(), signer.asSigningIdentity());

        // Only the root is given: the intermediate must come from the signature itself.
        ExternalTool.Result result = openssl.run(dir, MimeEntities.bytes(signed), "cms", "-verify", "-CAfile", root(),
            "-purpose", "smimesign");

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdoutText()).contains("Gr=C3=BC=C3=9Fe!");
    }

    @ParameterizedTest
    @CsvSource({"AES128_CBC, RSA_PKCS1, rsa", "AES256_CBC, RSA_OAEP_SHA256, rsa", "AES128_GCM, RSA_PKCS1, rsa",
        "AES256_GCM, RSA_OAEP_SHA256, rsa", "AES128_CBC, RSA_PKCS1, ec", "AES256_GCM, RSA_PKCS1, ec"})
    void openSslDecryptsEveryEncryptionVariant(ContentEncryption algorithm, KeyTransport transport, String key)
        throws Exception {
        TestIdentity recipient = key.equals("ec") ? carolEc : carol;
        MimeMessage encrypted = new SmimeEncryptor(algorithm, transport)
            .encrypt(PeerMessages.message(), List.of(alice.certificate(), recipient.certificate()));

        ExternalTool.Result result = openssl.run(dir, MimeEntities.bytes(encrypted), "cms", "-decrypt",
            "-recip", pem("recipient", recipient), "-inkey", key("recipient", recipient));

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdoutText()).startsWith("Content-Type: text/plain; charset=utf-8").endsWith(PeerMessages.BODY);
    }

    @ParameterizedTest
    @CsvSource({"sha256, rsa, detached", "sha512, rsa, opaque", "sha256, pss, detached", "sha384, ec, detached",
        "sha256, ec, opaque"})
    void weVerifyAndTrustOpenSslSignatures(String md, String key, String form) throws Exception {
        TestIdentity signer = key.equals("ec") ? aliceEc : alice;
        Path entity = Files.writeString(dir.resolve("entity.txt"), "Content-Type: text/plain\r\n\r\nSigned by OpenSSL\r\n");
        List<String> arguments = new ArrayList<>(List.of("cms", "-sign", "-md", md, "-in", entity.toString(),
            "-signer", pem("signer", signer), "-inkey", key("signer", signer),
            "-certfile", PkiFiles.writePem(dir.resolve("chain.pem"), pki.intermediateCertificate()).toString(),
            "-from", "alice@gateway.test", "-to", "carol@remote.test", "-subject", "openssl"));
        if (key.equals("pss")) {
            arguments.addAll(List.of("-keyopt", "rsa_padding_mode:pss"));
        }
        if (form.equals("opaque")) {
            arguments.add("-nodetach");
        }
        ExternalTool.Result signed = openssl.run(dir, null, arguments.toArray(String[]::new)).assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki).inspect(MimeEntities.parse(signed.stdout()));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.signatureLayers().get(0).opaque()).isEqualTo(form.equals("opaque"));
        // Opaque signatures are unwrapped for the reader; clear-signed mail is delivered as signed.
        String delivered = form.equals("opaque") ? PeerMessages.text(result.message())
            : new String(PeerMessages.signedContent(result.message()), StandardCharsets.US_ASCII);
        assertThat(delivered).endsWith("Signed by OpenSSL\r\n");
    }

    @ParameterizedTest
    @CsvSource({"-aes128, rsa, AES128_CBC", "-aes-256-gcm, rsa, AES256_GCM", "-aes-128-gcm, ec, AES128_GCM",
        "-aes256, ec, AES256_CBC", "-aes256, oaep, AES256_CBC"})
    void weDecryptOpenSslEnvelopesByteExact(String cipher, String key, String expectedAlgorithm) throws Exception {
        TestIdentity recipient = key.equals("ec") ? carolEc : carol;
        Path entity = Files.writeString(dir.resolve("entity.txt"), "Content-Type: text/plain\r\n\r\nSealed by OpenSSL\r\n");
        List<String> arguments = new ArrayList<>(List.of("cms", "-encrypt", cipher, "-in", entity.toString(),
            "-from", "alice@gateway.test", "-to", "carol@remote.test", "-subject", "sealed",
            "-recip", pem("recipient", recipient)));
        if (key.equals("oaep")) {
            arguments.addAll(List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"));
        }
        ExternalTool.Result encrypted = openssl.run(dir, null, arguments.toArray(String[]::new)).assertSuccess();

        InspectionResult result = PeerMessages.inspector(pki, recipient).inspect(MimeEntities.parse(encrypted.stdout()));

        assertThat(result.decrypted()).isTrue();
        assertThat(((SecurityLayer.Encrypted) result.layers().get(0)).algorithm()).isEqualTo(expectedAlgorithm);
        byte[] delivered = MimeEntities.bytes(result.message());
        assertThat(new String(delivered, StandardCharsets.US_ASCII))
            .contains("Subject: sealed").endsWith("Content-Type: text/plain\r\n\r\nSealed by OpenSSL\r\n");
    }

    @ParameterizedTest
    @CsvSource({"7bit, multipart", "none, multipart", "none, single"})
    void mislabelledEightBitAndOverlongLinesAreSignedSevenBitSafe(String label, String shape) throws Exception {
        String text = "Content-Type: text/plain; charset=utf-8\r\n"
            + (label.equals("none") ? "" : "Content-Transfer-Encoding: 7bit\r\n")
            + "\r\nGr\u00fc\u00dfe\r\n" + "x".repeat(1200) + "\r\n";
        String entity = shape.equals("single") ? text
            : "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" + text + "--b--\r\n";
        MimeMessage message = MimeEntities.parse(("From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: sloppy\r\n"
            + "MIME-Version: 1.0\r\n" + entity).getBytes(StandardCharsets.UTF_8));

        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message, alice.asSigningIdentity());
        byte[] wire = MimeEntities.bytes(signed);

        int lineLength = 0;
        for (byte b : wire) {
            assertThat(b).as("8-bit byte in the signed message").isGreaterThanOrEqualTo((byte) 0);
            lineLength = b == '\n' ? 0 : lineLength + 1;
            assertThat(lineLength).as("line length").isLessThanOrEqualTo(998);
        }
        ExternalTool.Result result = openssl.run(dir, wire, "cms", "-verify", "-CAfile", root(), "-purpose", "smimesign");
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(PeerMessages.inspector(pki).inspect(MimeEntities.parse(wire)).trusted()).isTrue();
    }
}
