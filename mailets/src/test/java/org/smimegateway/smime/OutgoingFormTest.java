package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
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
 * The forms an encrypted message can take for its readers: RFC 9788 header protection (outer Subject "[...]", the
 * real header section inside with {@code hp="cipher"} and {@code HP-Outer}) and the legacy x-pkcs7 content types.
 */
class OutgoingFormTest {
    private static TestPki pki;
    private static TestIdentity carol;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("OutgoingForm");
        carol = pki.user("carol@remote.test");
    }

    private static MimeMessage message() throws Exception {
        return MimeEntities.parse(("Received: from client.gateway.test by gateway.test; Fri, 4 Dec 2026 10:00:00 +0000\r\n"
            + "From: Alice <alice@gateway.test>\r\nTo: carol@remote.test\r\nCc: dave@remote.test\r\n"
            + "Subject: Merger with BarCorp\r\nKeywords: confidential\r\nDate: Fri, 4 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <hp@gateway.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe figures are in.\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(value = ContentEncryption.class, names = {"AES128_CBC", "AES256_GCM"})
    void protectedHeadersTravelInsideAndTheOuterSubjectIsObscured(ContentEncryption algorithm) throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()), new OutgoingForm(false, true));

        assertThat(encrypted.getHeader("Subject", null)).isEqualTo("[...]");
        assertThat(encrypted.getHeader("Keywords")).isNull();
        assertThat(encrypted.getHeader("From", null)).isEqualTo("Alice <alice@gateway.test>");
        assertThat(encrypted.getHeader("Message-ID", null)).isEqualTo("<hp@gateway.test>");
        assertThat(encrypted.getHeader("Received")).hasSize(1);

        InspectionResult result = PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.message().getSubject()).isEqualTo("Merger with BarCorp");
        assertThat(result.message().getHeader("Keywords", null)).isEqualTo("confidential");
        assertThat(result.message().getHeader("Cc", null)).isEqualTo("dave@remote.test");
        assertThat(result.message().getHeader("Received")).hasSize(1);
        assertThat(PeerMessages.text(result.message())).isEqualTo("The figures are in.\r\n");
        // Delivered in clear, it is no longer a protected payload: no hp parameter, no HP-Outer fields.
        assertThat(result.message().getHeader("HP-Outer")).isNull();
        assertThat(result.message().getContentType()).isEqualTo("text/plain; charset=us-ascii");
    }

    @Test
    void openSslSeesTheProtectedHeaderSectionInside() throws Exception {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()), new OutgoingForm(false, true));

        ExternalTool.Result result = openssl.run(dir, MimeEntities.bytes(encrypted), "cms", "-decrypt",
            "-recip", PkiFiles.writePem(dir.resolve("carol.pem"), carol.certificate()).toString(),
            "-inkey", PkiFiles.writePrivateKeyPem(dir.resolve("carol.key"), carol).toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        String inner = result.stdoutText();
        String headers = inner.substring(0, inner.indexOf("\r\n\r\n") + 2);
        assertThat(headers).contains("From: Alice <alice@gateway.test>\r\n", "To: carol@remote.test\r\n",
            "Cc: dave@remote.test\r\n", "Subject: Merger with BarCorp\r\n", "Keywords: confidential\r\n",
            "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\n", "Message-ID: <hp@gateway.test>\r\n",
            "HP-Outer: Subject: [...]\r\n", "HP-Outer: From: Alice <alice@gateway.test>\r\n",
            "Content-Type: text/plain; charset=us-ascii; hp=\"cipher\"\r\n");
        // Transport fields stay outside only; what hcp_baseline removes outside gets no HP-Outer line.
        assertThat(headers).doesNotContain("Received:", "HP-Outer: Keywords", "MIME-Version");
        assertThat(inner).endsWith("\r\n\r\nThe figures are in.\r\n");
    }

    @Test
    void legacyContentTypesAreTheSmimeVersion2NamesAndStillDecrypt() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()), new OutgoingForm(true, false));

        assertThat(encrypted.getContentType()).startsWith("application/x-pkcs7-mime; smime-type=enveloped-data");
        assertThat(encrypted.getSubject()).isEqualTo("Merger with BarCorp");
        InspectionResult result = PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));
        assertThat(result.decrypted()).isTrue();
        assertThat(PeerMessages.text(result.message())).isEqualTo("The figures are in.\r\n");
    }

    @ParameterizedTest
    @EnumSource(SignFormat.class)
    void legacySignaturesUseTheXNamesAndVerifyHereAndInOpenSsl(SignFormat format) throws Exception {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, format)
            .sign(message(), carol.asSigningIdentity(), java.util.Optional.empty(), true);

        if (format == SignFormat.CLEAR) {
            assertThat(signed.getContentType()).contains("protocol=\"application/x-pkcs7-signature\"");
            assertThat(new String(MimeEntities.bytes(signed), StandardCharsets.US_ASCII))
                .contains("Content-Type: application/x-pkcs7-signature; name=\"smime.p7s\"")
                .doesNotContain("application/pkcs7-signature");
        } else {
            assertThat(signed.getContentType()).startsWith("application/x-pkcs7-mime; smime-type=signed-data");
        }
        assertThat(PeerMessages.inspector(pki).inspect(MimeEntities.parse(MimeEntities.bytes(signed))).verified()).isTrue();
        ExternalTool.Result result = openssl.run(dir, MimeEntities.bytes(signed), "cms", "-verify", "-CAfile",
            PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate()).toString());
        assertThat(result.succeeded()).as(result.describe()).isTrue();
    }

    @Test
    void anEntityAClientAlreadyProtectedGetsOneHpParameter() throws Exception {
        MimeMessage message = MimeEntities.parse(("From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: s\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; hp=\"clear\"; charset=us-ascii\r\n\r\nx\r\n")
            .getBytes(StandardCharsets.US_ASCII));

        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(message, List.of(carol.certificate()), new OutgoingForm(false, true));

        ExternalTool.Result result = openssl.run(dir, MimeEntities.bytes(encrypted), "cms", "-decrypt",
            "-recip", PkiFiles.writePem(dir.resolve("carol.pem"), carol.certificate()).toString(),
            "-inkey", PkiFiles.writePrivateKeyPem(dir.resolve("carol.key"), carol).toString());

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.stdoutText()).contains("\r\nContent-Type: text/plain; charset=us-ascii; hp=\"cipher\"\r\n\r\n")
            .doesNotContain("hp=\"clear\"");
    }
}
