package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.smime.Corpus.bob;
import static org.smimegateway.smime.Corpus.delivered;
import static org.smimegateway.smime.Corpus.inspectThunderbird;
import static org.smimegateway.smime.Corpus.thunderbird;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.keystore.DecryptionKey;

/**
 * Envelopes below S/MIME signatures in the corpus (encrypted, then signed; Dave's triple wraps; Thunderbird's
 * hand-made signed, encrypted, signed): the envelope is opened for Bob, the signatures outside it are verified over
 * the ciphertext they cover and never vouch for the plaintext, and signatures inside it are verified as usual.
 */
class EncryptedThenSignedCorpusTest {
    private static final String PLAINTEXT = "This is a test message from Alice to Bob.";
    private static final String COVERS_CIPHERTEXT = "signature covers only the encrypted content inside it";

    private static boolean sha1(String sha) {
        return sha.equals("SHA1");
    }

    private static Path manual(String file) {
        return Corpus.root().resolve("releases-comm-central/mailnews/test/data/smime-manual").resolve(file);
    }

    private static SecurityLayer.Encrypted encryptionLayer(InspectionResult result) {
        return result.layers().stream().filter(SecurityLayer.Encrypted.class::isInstance)
            .map(SecurityLayer.Encrypted.class::cast).findFirst().orElseThrow();
    }

    private static Map<String, String> headers(InspectionResult result) {
        Map<String, String> headers = new LinkedHashMap<>();
        new SecurityInfoHeaders("X-Smime-").render(result).forEach(h -> headers.put(h.getKey(), h.getValue()));
        return headers;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void encryptedThenOpaqueSignedOpensAndItsSignatureVouchesOnlyForTheCiphertext(String sha) throws Exception {
        InspectionResult result = inspectThunderbird(thunderbird("alice.env.sig." + sha + ".opaque.eml"), bob(), sha1(sha));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.message().getContentType()).startsWith("text/plain");
        assertThat(delivered(result)).contains(PLAINTEXT).doesNotContain("pkcs7");
        assertThat(result.layers()).hasSize(2);
        SecurityLayer.Signed outer = result.signatureLayers().get(0);
        assertThat(outer.level()).isZero();
        assertThat(outer.opaque()).isTrue();
        assertThat(outer.verified()).isTrue();
        assertThat(encryptionLayer(result).level()).isEqualTo(1);
        assertThat(result.coversPlaintext(outer)).isFalse();
        assertThat(result.verified()).isFalse();
        assertThat(result.trusted()).isFalse();
        assertThat(headers(result)).containsEntry("X-Smime-Signer-Verified-0-0", "True")
            .containsEntry("X-Smime-Signer-Trusted-0-0", "False")
            .containsEntry("X-Smime-Signer-Trusted-Info-0-0", COVERS_CIPHERTEXT)
            .containsKey("X-Smime-Encryption-Algorithm-1");
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .isEqualTo("gw.test; smime=policy reason=\"covers-ciphertext-only: " + COVERS_CIPHERTEXT + "\"");
    }

    /**
     * NSS's clear signatures of these samples do not verify over the envelope as sent (OpenSSL 3.0 rejects them
     * too, "content verify error"): reported failed, and the envelope still opens, since a signature over ciphertext
     * says nothing about the plaintext either way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void encryptedThenClearSignedOpensAndItsBrokenSignatureIsReportedNotVerified(String sha) throws Exception {
        InspectionResult result = inspectThunderbird(thunderbird("alice.env.dsig." + sha + ".multipart.eml"), bob(), sha1(sha));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.message().getContentType()).startsWith("text/plain");
        assertThat(delivered(result)).contains(PLAINTEXT).doesNotContain("multipart/signed");
        SecurityLayer.Signed outer = result.signatureLayers().get(0);
        assertThat(outer.opaque()).isFalse();
        assertThat(outer.verified()).isFalse();
        assertThat(encryptionLayer(result).level()).isEqualTo(1);
        assertThat(result.verified()).isFalse();
        assertThat(headers(result)).containsEntry("X-Smime-Signer-Verified-0-0", "False")
            .containsEntry("X-Smime-Signer-Trusted-0-0", "False");
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).startsWith("gw.test; smime=fail");
    }

    static Stream<Arguments> daveTripleWraps() {
        return Stream.of("SHA1", "SHA256", "SHA384", "SHA512").flatMap(sha -> Stream.of(
            Arguments.of("alice.env.sig." + sha + ".opaque.dave.sig." + sha + ".opaque.eml", sha, true),
            Arguments.of("alice.env.dsig." + sha + ".multipart.dave.sig." + sha + ".opaque.eml", sha, false)));
    }

    @ParameterizedTest
    @MethodSource("daveTripleWraps")
    void davesSignatureAroundAlicesSignedEnvelopeOpensWithBothSignaturesOverTheCiphertext(String file, String sha,
                                                                                         boolean aliceOpaque) throws Exception {
        InspectionResult result = inspectThunderbird(thunderbird(file), bob(), sha1(sha));

        assertThat(result.decrypted()).isTrue();
        assertThat(result.message().getContentType()).startsWith("text/plain");
        assertThat(delivered(result)).contains(PLAINTEXT);
        List<SecurityLayer.Signed> signatures = result.signatureLayers();
        assertThat(signatures).hasSize(2);
        assertThat(signatures.get(0).verified()).as("Dave's outer signature").isTrue();
        assertThat(signatures.get(0).signers().get(0).emails()).contains("dave@example.com");
        // Alice's clear signatures over the envelope are NSS's broken ones (see above); her opaque ones verify.
        assertThat(signatures.get(1).verified()).as("Alice's signature over the envelope").isEqualTo(aliceOpaque);
        assertThat(encryptionLayer(result).level()).isEqualTo(2);
        assertThat(signatures).noneMatch(result::coversPlaintext);
        assertThat(result.verified()).isFalse();
        assertThat(result.trusted()).isFalse();
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).doesNotContain("smime=pass");
    }

    /**
     * Thunderbird's signed, encrypted, signed sample: the outer signature of alice.env.dsig was kept while the envelope
     * below it was replaced by the one of alice.dsig.SHA256.multipart.env (smime-manual README), so the outer
     * signature fails; the envelope opens and Alice's signature inside it verifies the plaintext. The outer-bad-sig
     * samples are built the same way and are treated the same way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA256.multipart.env.dsig.eml", "outer-smime-bad-sig-inner-smime-enc-sig.eml"})
    void signedEncryptedSignedOpensAndTheInnerSignatureVerifiesThePlaintext(String file) throws Exception {
        InspectionResult result = inspectThunderbird(manual(file), bob(), false);

        assertThat(result.decrypted()).isTrue();
        assertThat(result.layers()).hasSize(3);
        SecurityLayer.Signed outer = (SecurityLayer.Signed) result.layers().get(0);
        SecurityLayer.Signed inner = (SecurityLayer.Signed) result.layers().get(2);
        assertThat(result.layers().get(1)).isInstanceOf(SecurityLayer.Encrypted.class);
        assertThat(outer.verified()).isFalse();
        assertThat(result.coversPlaintext(outer)).isFalse();
        assertThat(inner.verified()).isTrue();
        assertThat(inner.trusted()).isTrue();
        assertThat(result.coveringSignatureLayers()).containsExactly(inner);
        // Delivered as Alice signed it: clear-signed plaintext, her signature still checkable by the client.
        assertThat(result.message().getContentType()).startsWith("multipart/signed");
        assertThat(delivered(result)).contains(PLAINTEXT).doesNotContain("enveloped-data");
        assertThat(headers(result)).containsEntry("X-Smime-Signer-Verified-0-0", "False")
            .containsEntry("X-Smime-Signer-Verified-0-2", "True")
            .containsEntry("X-Smime-Signer-Trusted-0-2", "True");
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .startsWith("gw.test; smime=pass body.smime-identifier=alice@example.com");
    }

    @Test
    void aBadSignatureAroundAnUnsignedEnvelopeOpensAndIsReportedFailed() throws Exception {
        InspectionResult result = inspectThunderbird(manual("outer-smime-bad-sig-inner-smime-enc.eml"), bob(), false);

        assertThat(result.decrypted()).isTrue();
        assertThat(delivered(result)).contains(PLAINTEXT);
        assertThat(result.signatureLayers()).hasSize(1).allMatch(layer -> !layer.verified());
        assertThat(result.verified()).isFalse();
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).startsWith("gw.test; smime=fail");
    }

    @Test
    void anEnvelopeBelowAClearSignatureThatStaysShutLeavesTheMailAsReceived() throws Exception {
        Path file = thunderbird("alice.env.dsig.SHA256.multipart.eml");
        byte[] received = Files.readAllBytes(file);

        InspectionResult result = inspectThunderbird(file, List.of(), false);

        assertThat(result.decrypted()).isFalse();
        assertThat(encryptionLayer(result).outcome()).isInstanceOf(DecryptOutcome.NoKey.class);
        assertThat(encryptionLayer(result).level()).isEqualTo(1);
        assertThat(result.message().getContentType()).startsWith("multipart/signed");
        assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(MimeEntities.parse(received)));
    }

    @Test
    void anEnvelopeBelowAnOpaqueSignatureThatStaysShutIsReportedWithTheSignatureOverIt() throws Exception {
        InspectionResult result = inspectThunderbird(thunderbird("alice.env.sig.SHA256.opaque.eml"), List.of(), false);

        assertThat(result.decrypted()).isFalse();
        assertThat(encryptionLayer(result).outcome()).isInstanceOf(DecryptOutcome.NoKey.class);
        assertThat(result.signatureLayers().get(0).verified()).isTrue();
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .isEqualTo("gw.test; smime=policy reason=\"covers-ciphertext-only: " + COVERS_CIPHERTEXT + "\"");
    }

    @Test
    void withoutADecryptorAnEnvelopeBelowASignatureIsOnlyReported() throws Exception {
        Path file = thunderbird("alice.env.dsig.SHA256.multipart.eml");
        SmimeInspector verifyOnly = new SmimeInspector(Optional.empty(),
            new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(thunderbird("TestCA.pem")))));

        InspectionResult result = verifyOnly.inspect(MimeEntities.parse(Files.readAllBytes(file)));

        assertThat(result.decrypted()).isFalse();
        assertThat(result.message().getContentType()).startsWith("multipart/signed");
        assertThat(encryptionLayer(result).outcome()).isInstanceOf(DecryptOutcome.NoKey.class);
    }

    @Test
    void signaturesAroundAnEnvelopeCountTowardsTheLayerLimit() throws Exception {
        Path file = thunderbird("alice.env.sig.SHA256.opaque.dave.sig.SHA256.opaque.eml");
        List<DecryptionKey> bob = bob();
        SmimeInspector shallow = new SmimeInspector(Optional.of(new SmimeDecryptor(selector -> bob, false)),
            new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(thunderbird("TestCA.pem")))), 2);

        InspectionResult result = shallow.inspect(MimeEntities.parse(Files.readAllBytes(file)));

        assertThat(result.decrypted()).isFalse();
        assertThat(result.layers()).last().isInstanceOfSatisfying(SecurityLayer.Encrypted.class,
            layer -> assertThat(layer.outcome().reason()).contains("nested deeper than 2"));
    }
}
