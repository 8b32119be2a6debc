package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.keystore.DecryptionKey;

/**
 * Third-party S/MIME messages (Thunderbird/NSS test data, OpenSSL-made envelopes, RFC 9216 examples, LAMPS
 * protected headers): every clean-path case decrypts and verifies, every must-fail case is reported not verified.
 */
class CorpusTest {
    private static final List<String> HASHES = List.of("SHA1", "SHA256", "SHA384", "SHA512");
    private static final String PLAINTEXT = "This is a test message from Alice to Bob.";

    private static SmimeInspector inspector(List<DecryptionKey> keys, Path anchor) throws Exception {
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> keys, true);
        return new SmimeInspector(Optional.of(decryptor), new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(anchor))));
    }

    /** Legacy ciphers allowed: some corpus envelopes are 3DES; {@link #legacyCiphersAreRefusedUnlessAllowed} covers the default. */
    private static InspectionResult inspect(Path message, List<DecryptionKey> keys) throws Exception {
        return inspector(keys, Corpus.thunderbird("TestCA.pem")).inspect(MimeEntities.parse(Files.readAllBytes(message)));
    }

    private static List<DecryptionKey> bob() throws Exception {
        return Corpus.bob();
    }

    private static Path browserData(String file) {
        return Corpus.root().resolve("releases-comm-central/mail/test/browser/smime/data").resolve(file);
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
        assertThat(result.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.CONTENT_AMBIGUOUS);
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
        assertThat(result.message().getContentType()).startsWith("text/plain");
        assertThat(Corpus.delivered(result)).contains(PLAINTEXT);
    }

    static Stream<Arguments> signedThenEncrypted() {
        return HASHES.stream().flatMap(sha -> Stream.of(
            Arguments.of("alice.dsig." + sha + ".multipart.env.eml", sha, "text/plain"),
            Arguments.of("alice.sig." + sha + ".opaque.env.eml", sha, "text/plain"),
            Arguments.of("alice.html.sig." + sha + ".opaque.env.eml", sha, "text/html")));
    }

    @ParameterizedTest
    @MethodSource("signedThenEncrypted")
    void signedThenEncryptedDecryptsAndVerifies(String file, String sha, String innerType) throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(Corpus.thunderbird(file), bob(), sha.equals("SHA1"));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.coveringSignatureLayers()).extracting(SecurityLayer::level).containsExactly(1);
        assertThat(Corpus.delivered(result)).contains(innerType.equals("text/html") ? "<html" : PLAINTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA256.multipart.env.eml", "alice.sig.SHA256.opaque.env.eml",
        "alice.html.sig.SHA256.opaque.env.eml"})
    void thunderbirdUiTestCopiesOfSignedThenEncryptedDecryptAndVerify(String file) throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(browserData(file), bob(), false);

        assertThat(result.decrypted()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @Test
    void thunderbirdUiTestEnvelopeDecryptsToAlicesText() throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(browserData("alice.env.eml"), bob(), false);

        assertThat(result.decrypted()).isTrue();
        assertThat(Corpus.delivered(result)).contains(PLAINTEXT);
    }

    static Stream<String> nestedSignatures() {
        return HASHES.stream().flatMap(sha -> Stream.of("dsig." + sha + ".multipart", "sig." + sha + ".opaque")
            .flatMap(alice -> Stream.of("dsig." + sha + ".multipart", "sig." + sha + ".opaque")
                .map(dave -> "alice.plain." + alice + ".dave." + dave + ".eml")));
    }

    @ParameterizedTest
    @MethodSource("nestedSignatures")
    void nestedSignaturesAreEachVerified(String file) throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(Corpus.thunderbird(file), List.of(), file.contains("SHA1"));

        assertThat(result.signatureLayers()).hasSize(2).allMatch(SecurityLayer.Signed::verified);
        assertThat(result.signatureLayers().get(0).signers().get(0).emails()).contains("dave@example.com");
        assertThat(result.signatureLayers().get(1).signers().get(0).emails()).contains("alice@example.com");
        assertThat(result.verified()).isTrue();
        if (file.contains(".dave.dsig.")) {
            // Dave's clear signature stays for the client to check; only opaque signatures are unwrapped.
            assertThat(result.message().getContentType()).startsWith("multipart/signed");
        } else {
            assertThat(Corpus.delivered(result)).contains(PLAINTEXT);
        }
    }

    @Test
    void nestedSha1SignaturesAreRefusedByDefault() throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird(
            "alice.plain.sig.SHA1.opaque.dave.dsig.SHA1.multipart.eml"), List.of());

        assertThat(result.signatureLayers()).hasSize(2).noneMatch(SecurityLayer.Signed::verified);
        assertThat(result.verified()).isFalse();
    }

    /** MANIFEST: Date header 6 h after signingTime, "crypto valid; date policy": the gateway has no date rule. */
    @Test
    void aDateHeaderLaterThanTheSigningTimeStillVerifies() throws Exception {
        InspectionResult result = inspect(Corpus.thunderbird("alice.future.dsig.SHA256.multipart.eml"), List.of());

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void opaqueSignedHtmlVerifiesAndUnwrapsToTheHtml(String sha) throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(Corpus.thunderbird("alice.html.sig." + sha + ".opaque.eml"),
            List.of(), sha.equals("SHA1"));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.message().getContentType()).startsWith("text/html");
    }

    @Test
    void thunderbirdUiTestCopyOfTheOpaqueSignedMessageVerifiesAndIsTrusted() throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(browserData("alice.sig.SHA256.opaque.eml"), List.of(), false);

        assertThat(result.trusted()).isTrue();
    }

    /**
     * This copy was not regenerated with the rest: its signer certificate is not signed by today's TestCA (OpenSSL:
     * "certificate signature failure"). The signature itself still verifies, the chain does not.
     */
    @Test
    void thunderbirdUiTestCopyOfTheOpaqueSignedHtmlVerifiesButIsNotTrusted() throws Exception {
        InspectionResult result = Corpus.inspectThunderbird(browserData("alice.html.sig.SHA256.opaque.eml"), List.of(), false);

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(result.signatureLayers().get(0).signers().get(0).trust().isTrusted()).isFalse();
        assertThat(result.message().getContentType()).startsWith("text/html");
    }

    /**
     * Thunderbird shows "level 2" of this message: the text of a signed message attached inside the signed one. The
     * outer signature does not verify (as with OpenSSL); signatures inside the attached messages are content, not
     * layers of this one, and the message is delivered as received.
     */
    @Test
    void signedMessagesAttachedInsideASignedMessageAreContentNotLayers() throws Exception {
        Path file = browserData("nested-sigs.eml");
        byte[] received = Files.readAllBytes(file);

        InspectionResult result = Corpus.inspectThunderbird(file, bob(), true);

        assertThat(result.signatureLayers()).hasSize(1);
        assertThat(result.verified()).isFalse();
        assertThat(result.encrypted()).isFalse();
        assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(MimeEntities.parse(received)));
        assertThat(Corpus.delivered(result)).contains("level 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA256.multipart.in.mixed.eml", "alice.dsig.SHA256.multipart.in.mixed.with.header.eml"})
    void aSignedPartInsideOtherMimeIsOnlyPartiallySigned(String file) throws Exception {
        Path message = Corpus.root().resolve("releases-comm-central/mail/test/browser/smime/data").resolve(file);

        InspectionResult result = inspect(message, List.of());

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.PARTIALLY_SIGNED);
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

    @ParameterizedTest
    @ValueSource(strings = {"smime-onepart-signed", "smime-multipart-signed"})
    void protectedHeadersSignedSamplesVerifyAndAreTrustedUnderTheSampleCa(String name) throws Exception {
        Path dir = Corpus.root().resolve("protected-headers");

        InspectionResult result = inspector(List.of(), dir.resolve("sample-ca.pem"))
            .inspect(MimeEntities.parse(Files.readAllBytes(dir.resolve(name + ".eml"))));

        assertThat(result.signatureLayers()).hasSize(1);
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(result.message().getSubject()).isEqualTo("The FooCorp contract");
        assertThat(Corpus.delivered(result)).contains("Bob, we need to cancel this contract.");
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .startsWith("gw.test; smime=pass body.smime-identifier=alice@smime.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smime-sign+enc", "smime-sign+enc+legacy-disp"})
    void protectedHeadersSignedThenEncryptedSamplesVerifyInsideTheEnvelope(String name) throws Exception {
        Path dir = Corpus.root().resolve("protected-headers");
        String armoured = Files.readString(dir.resolve("bob.p12"));
        List<DecryptionKey> keys = Corpus.pkcs12(Base64.getMimeDecoder().decode(armoured.replaceAll("-----[A-Z0-9 ]+-----", "")), "bob");

        InspectionResult result = inspector(keys, dir.resolve("sample-ca.pem"))
            .inspect(MimeEntities.parse(Files.readAllBytes(dir.resolve(name + ".eml"))));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.coveringSignatureLayers()).hasSize(1);
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
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
