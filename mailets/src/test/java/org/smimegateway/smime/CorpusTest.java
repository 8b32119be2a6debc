package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.DecryptionKey;

/**
 * Third-party S/MIME messages (Thunderbird/NSS test data, OpenSSL-made envelopes, RFC 9216 examples, LAMPS
 * protected headers): every clean-path case decrypts and verifies, every must-fail case is reported not verified.
 */
class CorpusTest {

    private static SmimeInspector inspector(List<DecryptionKey> keys, Path anchor) throws Exception {
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> keys, true);
        return new SmimeInspector(Optional.of(decryptor), new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(anchor))));
    }

    /** Legacy ciphers allowed: some corpus envelopes are 3DES; {@link #legacyCiphersAreRefusedUnlessAllowed} covers the default. */
    private static InspectionResult inspect(Path message, List<DecryptionKey> keys) throws Exception {
        return inspector(keys, Corpus.thunderbird("TestCA.pem")).inspect(MimeEntities.parse(Files.readAllBytes(message)));
    }

    private static List<DecryptionKey> bob() throws Exception {
        return Corpus.pkcs12(Corpus.thunderbird("Bob.p12"), "nss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "SHA384", "SHA512"})
    void thunderbirdClearSignedMessagesVerifyAndAreTrusted(String sha) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.dsig." + sha + ".multipart.eml"), List.of());

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "SHA384", "SHA512"})
    void thunderbirdOpaqueSignedMessagesVerifyAndUnwrap(String sha) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.sig." + sha + ".opaque.eml"), List.of());

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.message().getContentType()).doesNotContain("pkcs7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void alteredBodiesAreNotVerified(String sha) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.dsig." + sha + ".multipart.bad.eml"), List.of());

        assertThat(result.signed()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.trusted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void detachedSignaturesCarryingOtherContentAreNotVerified(String sha) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.dsig." + sha + ".multipart.mismatch-econtent.eml"), List.of());

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).hasValueSatisfying(p -> assertThat(p).contains("eContent"));
    }

    @Test
    void aSignatureUnderAnotherAnchorIsVerifiedButNotTrusted() throws Exception {
        Path otherAnchor = Corpus.root().resolve("protected-headers/sample-ca.pem");
        InspectionResult result = inspector(List.of(), otherAnchor)
            .inspect(MimeEntities.parse(Files.readAllBytes(Corpus.thunderbird("alice.dsig.SHA256.multipart.eml"))));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
    }

    @Test
    void envelopedForBobDecrypts() throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.env.eml"), bob());

        assertThat(result.decrypted()).isTrue();
        assertThat(new String(result.message().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA256.multipart.env.eml", "alice.sig.SHA256.opaque.env.eml"})
    void signedThenEncryptedDecryptsAndVerifies(String file) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird(file), bob());

        assertThat(result.decrypted()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @Test
    void encryptedThenSignedIsNeverReportedAsSignedPlaintext() throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.env.dsig.SHA256.multipart.eml"), bob());

        // The signature covers ciphertext (OpenSSL does not verify this sample either); the plaintext inside is
        // neither opened below the signature nor presented as signed.
        assertThat(result.decrypted()).isFalse();
        assertThat(result.trusted()).isFalse();
        assertThat(result.message().getContentType()).startsWith("multipart/signed");
        assertThat(result.layers()).anyMatch(layer -> layer instanceof SecurityLayer.Encrypted e && !e.decrypted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.plain.dsig.SHA256.multipart.dave.dsig.SHA256.multipart.eml",
        "alice.plain.sig.SHA256.opaque.dave.sig.SHA256.opaque.eml",
        "alice.plain.dsig.SHA256.multipart.dave.sig.SHA256.opaque.eml"})
    void nestedSignaturesAreEachVerified(String file) throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird(file), List.of());

        assertThat(result.signatureLayers()).hasSize(2);
        assertThat(result.verified()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA256.multipart.in.mixed.eml", "alice.dsig.SHA256.multipart.in.mixed.with.header.eml"})
    void aSignedPartInsideOtherMimeIsOnlyPartiallySigned(String file) throws Exception {
        Path message = Corpus.root().resolve("releases-comm-central/mail/test/browser/smime/data").resolve(file);

        InspectionResult result = inspect(message, List.of());

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).hasValueSatisfying(p -> assertThat(p).contains("partially signed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fran-oaep_ossl.env", "fran-oaep-sha256hash_ossl.env", "fran-oaep-sha256hash-sha256mgf_ossl.env",
        "fran-oaep-label_ossl.env", "fran-ec_ossl-aes128-sha256.env", "fran-ec_ossl-aes256-sha512.env"})
    void openSslMadeOaepAndEcdhEnvelopesDecrypt(String file) throws Exception {
        Path dir = Corpus.root().resolve("releases-comm-central/mailnews/test/data/smime-interop");
        List<DecryptionKey> keys = new java.util.ArrayList<>(Corpus.pkcs12(dir.resolve("Fran.p12"), "nss"));
        keys.addAll(Corpus.pkcs12(dir.resolve("Fran-ec.p12"), "nss"));

        InspectionResult result = inspect(dir.resolve(file), keys);

        assertThat(result.decrypted()).as(file).isTrue();
    }

    @Test
    void rfc9216OaepEnvelopeDecryptsToTheSampleContent() throws Exception {
        Path dir = Corpus.root().resolve("examples-cms");
        String keyPem = Files.readString(dir.resolve("certs-and-keys/lamps-bob.decrypt.p8.pem"));
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        DecryptionKey bob = new DecryptionKey(key, Corpus.certificate(dir.resolve("certs-and-keys/lamps-bob.encrypt.crt")));
        byte[] cms = Files.readAllBytes(dir.resolve("binary-files/encryptedForBobRSAOaep.p7m"));
        byte[] message = ("From: alice@smime.example\r\nTo: bob@smime.example\r\nSubject: rfc9216\r\nMIME-Version: 1.0\r\n"
            + new String(SmimeSigner.opaque(cms, "enveloped-data"), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);

        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(bob), false).decrypt(MimeEntities.parse(message));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        byte[] delivered = MimeEntities.bytes(((DecryptOutcome.Decrypted) outcome).message());
        // The RFC 9216 content is a bare string, not a MIME entity.
        assertThat(new String(delivered, StandardCharsets.US_ASCII)).contains("This is some sample content.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smime-enc+legacy-disp", "smime-sign+enc", "smime-sign+enc+legacy-disp"})
    void protectedHeadersDecryptByteExactToThePublishedInnerMessage(String name) throws Exception {
        Path dir = Corpus.root().resolve("protected-headers");
        String armoured = Files.readString(dir.resolve("bob.p12"));
        byte[] p12 = Base64.getMimeDecoder().decode(armoured.replaceAll("-----[A-Z0-9 ]+-----", ""));
        List<DecryptionKey> keys = Corpus.pkcs12(p12, "bob");

        // These samples are 3DES: decrypted only with legacy ciphers explicitly allowed.
        DecryptOutcome outcome = new SmimeDecryptor(selector -> keys, true)
            .decrypt(MimeEntities.parse(Files.readAllBytes(dir.resolve(name + ".eml"))));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        String delivered = new String(MimeEntities.bytes(((DecryptOutcome.Decrypted) outcome).message()),
            StandardCharsets.UTF_8).replace("\r\n", "\n");
        String inner = Files.readString(dir.resolve(name + ".inner")).replace("\r\n", "\n");
        assertThat(delivered).endsWith(inner);
        // Through every layer, the protected Subject replaces the outer "...".
        InspectionResult unwrapped = inspector(keys, dir.resolve("sample-ca.pem"))
            .inspect(MimeEntities.parse(Files.readAllBytes(dir.resolve(name + ".eml"))));
        assertThat(unwrapped.message().getSubject()).isEqualTo("BarCorp contract signed, let's go!");
    }

    @Test
    void legacyCiphersAreRefusedUnlessAllowed() throws Exception {
        Path dir = Corpus.root().resolve("protected-headers");
        String armoured = Files.readString(dir.resolve("bob.p12"));
        List<DecryptionKey> keys = Corpus.pkcs12(Base64.getMimeDecoder().decode(armoured.replaceAll("-----[A-Z0-9 ]+-----", "")), "bob");

        DecryptOutcome outcome = new SmimeDecryptor(selector -> keys, false)
            .decrypt(MimeEntities.parse(Files.readAllBytes(dir.resolve("smime-sign+enc.eml"))));

        assertThat(outcome).isEqualTo(new DecryptOutcome.LegacyAlgorithmRefused("DES_EDE3_CBC"));
    }
}
