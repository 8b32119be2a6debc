package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

/**
 * GnuTLS {@code certtool} (Debian package gnutls-bin), a fourth CMS engine: it verifies our signatures of every
 * format against the root alone, and we verify and trust its signatures, detached and embedded, with and without
 * signed attributes. certtool has no CMS encryption, so signatures are the whole matrix.
 */
class GnuTlsInteropTest {
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity aliceEc;

    @TempDir
    Path dir;
    private ExternalTool certtool;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("GnuTls");
        alice = pki.user("alice@gateway.test");
        aliceEc = pki.endEntity("alice@gateway.test").ec().issue();
    }

    @BeforeEach
    void tool() {
        certtool = ExternalTool.require("certtool", "gnutls-bin");
    }

    private String root() {
        return PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate()).toString();
    }

    /**
     * The key in a PEM that GnuTLS 3.7 imports. It refuses the JDK's PKCS#8 of an EC key (an ECPrivateKey without
     * the optional curve and public key), so an EC key goes through {@code openssl ec}, which writes SEC1 with both.
     */
    private String privateKey(TestIdentity identity) {
        Path pkcs8 = PkiFiles.writePrivateKeyPem(dir.resolve("signer-jdk.key"), identity);
        if (!identity.privateKey().getAlgorithm().equals("EC")) {
            return pkcs8.toString();
        }
        Path sec1 = dir.resolve("signer.key");
        ExternalTool.require("openssl", "openssl").run(dir, null, "ec", "-in", pkcs8.toString(), "-out", sec1.toString())
            .assertSuccess();
        return sec1.toString();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @ParameterizedTest
    @CsvSource({"SHA256, RSA_PKCS1, rsa, CLEAR", "SHA384, RSA_PKCS1, rsa, OPAQUE", "SHA256, RSA_PKCS1, ec, CLEAR",
        "SHA512, RSA_PKCS1, ec, OPAQUE", "SHA256, RSA_PSS, rsa, CLEAR"})
    void certtoolVerifiesOurSignaturesWithTheChainWeIncluded(DigestAlgorithm digest, SignatureScheme scheme, String key,
                                                             SignFormat format) throws Exception {
        TestIdentity signer = key.equals("ec") ? aliceEc : alice;
        MimeMessage signed = new SmimeSigner(digest, scheme, format).sign(PeerMessages.message(), signer.asSigningIdentity());
        List<String> arguments = new ArrayList<>(List.of("--p7-verify", "--inder", "--load-ca-certificate", root()));
        if (format == SignFormat.CLEAR) {
            arguments.addAll(List.of("--infile", write("smime.p7s", PeerMessages.detachedSignature(signed)).toString(),
                "--load-data", write("content", PeerMessages.signedContent(signed)).toString()));
        } else {
            arguments.addAll(List.of("--infile", write("smime.p7m", PeerMessages.cms(signed)).toString()));
        }

        // Only the root is given: the intermediate must come from the signature itself.
        ExternalTool.Result result = certtool.run(dir, null, arguments.toArray(String[]::new));

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdoutText() + result.stderr()).contains("Signature status: ok");
    }

    @ParameterizedTest
    @CsvSource({"detached, attributes, rsa", "detached, none, rsa", "embedded, attributes, rsa", "embedded, none, ec",
        "detached, attributes, ec"})
    void weVerifyAndTrustCerttoolSignatures(String form, String attributes, String key) throws Exception {
        TestIdentity signer = key.equals("ec") ? aliceEc : alice;
        byte[] entity = "Content-Type: text/plain\r\n\r\nSigned by GnuTLS\r\n".getBytes(StandardCharsets.US_ASCII);
        // The signer's certificate and the intermediate, so the signature carries the chain up to the root.
        Path chain = PkiFiles.writePem(dir.resolve("chain.pem"), signer.certificate(), pki.intermediateCertificate());
        List<String> arguments = new ArrayList<>(List.of(form.equals("detached") ? "--p7-detached-sign" : "--p7-sign",
            "--hash", "SHA256", "--outder", "--infile", write("entity", entity).toString(),
            "--load-certificate", chain.toString(),
            "--load-privkey", privateKey(signer)));
        if (attributes.equals("attributes")) {
            arguments.add("--p7-time");
        }
        ExternalTool.Result signature = certtool.run(dir, null, arguments.toArray(String[]::new)).assertSuccess();

        assertThat(new CMSSignedData(signature.stdout()).getSignerInfos().getSigners().iterator().next()
            .getSignedAttributes() != null).as("signed attributes present").isEqualTo(attributes.equals("attributes"));
        MimeMessage message = form.equals("detached") ? PeerMessages.clearSigned(entity, signature.stdout())
            : PeerMessages.opaque(signature.stdout(), "signed-data");
        InspectionResult result = PeerMessages.inspector(pki).inspect(message);

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        String delivered = form.equals("embedded") ? PeerMessages.text(result.message())
            : new String(PeerMessages.signedContent(result.message()), StandardCharsets.US_ASCII);
        assertThat(delivered).endsWith("Signed by GnuTLS\r\n");
    }
}
