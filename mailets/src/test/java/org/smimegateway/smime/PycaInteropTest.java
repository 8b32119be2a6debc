package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * pyca/cryptography (the {@code python3} first on PATH, at least version {@value #MINIMUM_MAJOR}), a fifth CMS
 * engine with a DER-only parser: it decrypts what we encrypt, both from the DER and from the whole S/MIME message,
 * and we verify its signatures (detached, opaque, without attributes) and decrypt its envelopes. pyca has no
 * signature verification, no AuthEnvelopedData (its test is skipped until pyca reads it), no RSA-OAEP and no ECDH
 * key agreement when decrypting, so those directions are not in the matrix (see mailets/README).
 * The driver is {@code interop/pyca_cms.py} on the test class path.
 */
class PycaInteropTest {
    /** pkcs7_decrypt_der/smime came in 44, set_content_encryption_algorithm in 45. */
    static final int MINIMUM_MAJOR = 45;

    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private ExternalTool python;
    private String script;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Pyca");
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
    }

    @BeforeEach
    void tool() throws Exception {
        python = ExternalTool.require("python3", "python3");
        script = Paths.get(PycaInteropTest.class.getResource("/interop/pyca_cms.py").toURI()).toString();
        ExternalTool.Result version = python.run(dir, null, script, "version");
        String found = version.succeeded() ? version.stdoutText().trim() : "none (" + version.stderr().trim() + ")";
        boolean recent = version.succeeded() && Integer.parseInt(found.split("\\.")[0]) >= MINIMUM_MAJOR;
        if (!recent && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("pyca/cryptography " + MINIMUM_MAJOR + " or later is needed but CI=true and the "
                + "python3 on PATH has " + found + " (.ci/run installs it)");
        }
        assumeTrue(recent, "pyca/cryptography " + MINIMUM_MAJOR + "+ not on the python3 on PATH (" + found + "): skipping");
    }

    private String pem(String name, TestIdentity identity) {
        return PkiFiles.writePem(dir.resolve(name + ".pem"), identity.certificate()).toString();
    }

    private String key(String name, TestIdentity identity) {
        return PkiFiles.writePrivateKeyPem(dir.resolve(name + ".key"), identity).toString();
    }

    private ExternalTool.Result pyca(String... arguments) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(arguments));
        return python.run(dir, null, command.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({"AES128_CBC, der", "AES256_CBC, der", "AES128_CBC, smime", "AES256_CBC, smime"})
    void pycaDecryptsOurEnvelopesToTheExactEntity(ContentEncryption algorithm, String input) throws Exception {
        MimeMessage original = PeerMessages.message();
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1)
            .encrypt(original, List.of(alice.certificate(), carol.certificate()));
        Path in = Files.write(dir.resolve("in"), input.equals("der") ? PeerMessages.cms(encrypted) : MimeEntities.bytes(encrypted));

        ExternalTool.Result result = pyca("decrypt-" + input, pem("carol", carol), key("carol", carol), in.toString(),
            dir.resolve("out").toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(entity);
    }

    @ParameterizedTest
    @CsvSource({"AES128_GCM", "AES256_GCM"})
    void pycaDecryptsOurAuthEnvelopesOnceItReadsAuthEnvelopedData(ContentEncryption algorithm) throws Exception {
        MimeMessage original = PeerMessages.message();
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1).encrypt(original, List.of(carol.certificate()));
        Path in = Files.write(dir.resolve("in"), PeerMessages.cms(encrypted));

        ExternalTool.Result result = pyca("decrypt-der", pem("carol", carol), key("carol", carol), in.toString(),
            dir.resolve("out").toString());

        // pyca 48 parses the ContentInfo but knows no id-ct-authEnvelopedData (RFC 5083): a gap of pyca's, not ours.
        assumeTrue(result.succeeded() || !result.stderr().contains("UnknownDefinedBy"),
            "this pyca/cryptography has no AuthEnvelopedData: " + result.stderr().lines().reduce((a, b) -> b).orElse(""));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(entity);
    }

    @ParameterizedTest
    @CsvSource({"detached", "noattrs", "embedded", "opaque"})
    void weVerifyAndTrustPycaSignatures(String mode) throws Exception {
        Path entity = Files.writeString(dir.resolve("entity"), "Content-Type: text/plain\r\n\r\nSigned by pyca\r\n");
        String chain = PkiFiles.writePem(dir.resolve("intermediate.pem"), pki.intermediateCertificate()).toString();
        pyca("sign", pem("alice", alice), key("alice", alice), chain, entity.toString(), dir.resolve("signed").toString(), mode)
            .assertSuccess();
        byte[] signed = Files.readAllBytes(dir.resolve("signed"));
        // pyca's S/MIME output is a multipart/signed even when the signature embeds the content too ("embedded").
        MimeMessage message = mode.equals("opaque") ? PeerMessages.opaque(signed, "signed-data")
            : MimeEntities.parse(concat("From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: pyca\r\n"
                .getBytes(StandardCharsets.US_ASCII), signed));

        InspectionResult result = PeerMessages.inspector(pki).inspect(message);

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.signatureLayers().get(0).opaque()).isEqualTo(mode.equals("opaque"));
        String delivered = mode.equals("opaque") ? PeerMessages.text(result.message())
            : new String(PeerMessages.signedContent(result.message()), StandardCharsets.US_ASCII);
        assertThat(delivered).endsWith("Signed by pyca\r\n");
    }

    @ParameterizedTest
    @CsvSource({"aes128, AES128_CBC", "aes256, AES256_CBC"})
    void weDecryptPycaEnvelopes(String cipher, String expectedAlgorithm) throws Exception {
        Path entity = Files.writeString(dir.resolve("entity"), "Content-Type: text/plain\r\n\r\nSealed by pyca\r\n");
        pyca("encrypt", pem("carol", carol), entity.toString(), dir.resolve("sealed").toString(), cipher).assertSuccess();
        byte[] headers = "From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: sealed\r\n".getBytes(StandardCharsets.US_ASCII);

        InspectionResult result = PeerMessages.inspector(pki, carol)
            .inspect(MimeEntities.parse(concat(headers, Files.readAllBytes(dir.resolve("sealed")))));

        assertThat(result.decrypted()).isTrue();
        assertThat(((SecurityLayer.Encrypted) result.layers().get(0)).algorithm()).isEqualTo(expectedAlgorithm);
        assertThat(PeerMessages.text(result.message())).isEqualTo("Sealed by pyca\r\n");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
