package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.TrustVerdict;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/** Our engine against itself: large messages, every format, and the layer report rendered as headers. */
class SmimeRoundTripTest {
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;
    private static byte[] attachment;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("RoundTrip");
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
        attachment = new byte[300_000];
        new Random(7).nextBytes(attachment);
    }

    /** A multipart message with a 300 KB binary attachment and an 8-bit text part. */
    private static MimeMessage large() throws Exception {
        String body = "From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: large\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nAnbei die Zahlen, Gr\u00fc\u00dfe\r\n"
            + "--outer\r\nContent-Type: application/octet-stream; name=data.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--outer--\r\n";
        return MimeEntities.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static InspectionResult inspect(MimeMessage message) throws Exception {
        return PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(message)));
    }

    @ParameterizedTest
    @EnumSource(SignFormat.class)
    void largeSignedMessagesVerifyAndKeepTheirAttachment(SignFormat format) throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA512, SignatureScheme.RSA_PSS, format)
            .sign(large(), alice.asSigningIdentity());

        InspectionResult result = inspect(signed);

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(MimeEntities.bytes(result.message())).hasSizeGreaterThan(attachment.length);
        assertThat(new String(MimeEntities.bytes(result.message()), StandardCharsets.US_ASCII))
            .contains(Base64.getMimeEncoder().encodeToString(attachment).substring(0, 4000));
    }

    @Test
    void messagesBuiltInCodeAreSignedAndEncryptedLikeParsedOnes() throws Exception {
        // Bounces and notices that other mailets create are built with setText, never parsed from bytes.
        MimeMessage built = new MimeMessage(MimeEntities.SESSION);
        built.setFrom("alice@gateway.test");
        built.setRecipients(javax.mail.Message.RecipientType.TO, "carol@remote.test");
        built.setSubject("built in code");
        built.setText("Made by a mailet, not received.\r\n", "us-ascii");

        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(built, alice.asSigningIdentity());
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(signed, List.of(carol.certificate()));
        InspectionResult result = inspect(encrypted);

        assertThat(result.decrypted()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(new String(MimeEntities.bytes(result.message()), StandardCharsets.US_ASCII))
            .contains("Made by a mailet, not received.").contains("Subject: built in code");
    }

    @ParameterizedTest
    @EnumSource(ContentEncryption.class)
    void largeEncryptedMessagesDecryptToTheExactEntity(ContentEncryption algorithm) throws Exception {
        MimeMessage original = large();
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));
        MimeMessage encrypted = new SmimeEncryptor(algorithm, KeyTransport.RSA_PKCS1).encrypt(original, List.of(carol.certificate()));

        InspectionResult result = inspect(encrypted);

        assertThat(result.decrypted()).isTrue();
        assertThat(MimeEntities.contentEntity(result.message())).isEqualTo(entity);
    }

    @Test
    void signedThenEncryptedRendersEveryLayerAsHeaders() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(large(), alice.asSigningIdentity());
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_GCM, KeyTransport.RSA_OAEP_SHA256)
            .encrypt(signed, List.of(alice.certificate(), carol.certificate()));

        InspectionResult result = inspect(encrypted);
        List<Map.Entry<String, String>> headers = new SecurityInfoHeaders("X-Smime-").render(result);

        assertThat(headers).contains(
            Map.entry("X-Smime-Encryption-Algorithm-0", "AES256_GCM"),
            Map.entry("X-Smime-Signer-Email-0-1", "alice@gateway.test"),
            Map.entry("X-Smime-Signer-Verified-0-1", "True"),
            Map.entry("X-Smime-Signer-Trusted-0-1", "True"),
            Map.entry("X-Smime-Encryption-Key-Transport-0", "RSA_OAEP_SHA256"),
            Map.entry("X-Smime-Signer-Trusted-Info-0-1",
                "signed by alice@gateway.test; the signature is valid and the signer's certificate is trusted"),
            Map.entry("X-Smime-Signer-Reason-0-1", "ok"));
        assertThat(headers).extracting(Map.Entry::getKey)
            .contains("X-Smime-Encryption-Recipient-0-0", "X-Smime-Encryption-Recipient-1-0", "X-Smime-Signer-ID-0-1");
        assertThat(headers).filteredOn(h -> h.getKey().equals("X-Smime-Signer-ID-0-1")).singleElement()
            .satisfies(h -> assertThat(h.getValue()).contains("Intermediate").contains("serial="));
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .isEqualTo("gw.test; smime=pass body.smime-identifier=alice@gateway.test body.smime-serial="
                + alice.certificate().getSerialNumber().toString(16) + " body.smime-issuer=\""
                + alice.certificate().getIssuerX500Principal().getName() + "\"");
    }

    @Test
    void anUnsignedMessageIsSmimeNone() throws Exception {
        InspectionResult result = inspect(large());

        assertThat(result.layers()).isEmpty();
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).isEqualTo("gw.test; smime=none");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "revoked | policy | certificate-revoked | the signer's certificate has been revoked",
        "unknown | temperror | revocation-unknown | whether the signer's certificate has been revoked could not be checked"
            + " now; a later check may succeed",
        "untrusted | policy | issuer-untrusted | the signer's certificate was not issued by an authority this gateway"
            + " trusts"})
    void aSignerTheTrustFunctionRejectsIsVerifiedButNeverTrusted(String kind, String expectedResult, String expectedCode,
                                                                 String expectedInfo) throws Exception {
        TrustVerdict verdict = switch (kind) {
            case "revoked" -> new TrustVerdict.Revoked(alice.certificate(), "key compromise");
            case "unknown" -> new TrustVerdict.Unknown("CRL unreachable");
            default -> new TrustVerdict.Untrusted("no path to a trust anchor");
        };
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(large(), alice.asSigningIdentity());
        SmimeInspector inspector = new SmimeInspector(Optional.empty(), new SmimeVerifier((certificate, chain) -> verdict));

        InspectionResult result = inspector.inspect(MimeEntities.parse(MimeEntities.bytes(signed)));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(new SecurityInfoHeaders("X-Smime-").render(result)).contains(
            Map.entry("X-Smime-Signer-Verified-0-0", "True"),
            Map.entry("X-Smime-Signer-Trusted-0-0", "False"),
            Map.entry("X-Smime-Signer-Trusted-Info-0-0", expectedInfo),
            Map.entry("X-Smime-Signer-Reason-0-0", expectedCode));
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .startsWith("gw.test; smime=" + expectedResult + " reason=\"" + expectedCode + ": " + expectedInfo
                + "\" body.smime-identifier=alice@gateway.test body.smime-serial=");
    }

    @Test
    void aCertificateListedTwiceGetsOneRecipientInfo() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(large(), List.of(carol.certificate(), alice.certificate(), carol.certificate()));

        InspectionResult result = inspect(encrypted);

        assertThat(((SecurityLayer.Encrypted) result.layers().get(0)).recipients()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(SignFormat.class)
    void legacyXPkcs7SpellingsVerifyToo(SignFormat format) throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, format)
            .sign(large(), alice.asSigningIdentity());
        String legacy = new String(MimeEntities.bytes(signed), StandardCharsets.ISO_8859_1)
            .replace("application/pkcs7-", "application/x-pkcs7-");
        assertThat(legacy).contains("application/x-pkcs7-");

        InspectionResult result = inspect(MimeEntities.parse(legacy.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(result.signatureLayers()).hasSize(1);
        assertThat(result.trusted()).isTrue();
    }
}
