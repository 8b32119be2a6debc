package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;

/**
 * Thunderbird's raw objects: the same messages as MIME entities without message headers, or bare DER CMS. In the
 * pinned snapshot they are left over from the 2019 NSS generation (signed under the old "NSS Test CA", certificates
 * expired 2024, envelopes for the old Bob), unlike the regenerated {@code .eml} files. So their signatures verify
 * cryptographically but are not trusted under today's TestCA, and their envelopes report no key for today's Bob,
 * as OpenSSL reports them.
 */
class ThunderbirdRawObjectsTest {
    private static final String PLAINTEXT = "This is a test message from Alice to Bob.";

    private static SmimeInspector inspector(boolean acceptSha1) throws Exception {
        return new SmimeInspector(Optional.empty(),
            new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(Corpus.thunderbird("TestCA.pem"))), acceptSha1));
    }

    private static MimeMessage withHeaders(String entity) {
        try {
            return MimeEntities.parse(("From: Alice@example.com\r\nTo: Bob@example.com\r\nSubject: raw\r\nMIME-Version: 1.0\r\n"
                + entity).getBytes(StandardCharsets.ISO_8859_1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage opaque(byte[] der, String smimeType) {
        return withHeaders(new String(SmimeSigner.opaque(der, smimeType), StandardCharsets.ISO_8859_1));
    }

    private static byte[] read(String file) throws Exception {
        return Files.readAllBytes(Corpus.thunderbird(file));
    }

    private static void assertVerifiedButNotTrusted(InspectionResult result) {
        assertThat(result.signatureLayers()).hasSize(1);
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isFalse();
        assertThat(result.signatureLayers().get(0).signers().get(0).trust().isTrusted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void headerlessOpaqueAndClearSignedEntitiesVerifyUnderTheirOldCa(String sha) throws Exception {
        boolean sha1 = sha.equals("SHA1");
        for (String file : List.of("alice.sig." + sha + ".opaque", "alice.dsig." + sha + ".multipart")) {
            InspectionResult result = inspector(sha1).inspect(MimeEntities.parse(read(file)));

            assertVerifiedButNotTrusted(result);
            assertThat(new String(MimeEntities.bytes(result.message()), StandardCharsets.ISO_8859_1)).as(file).contains(PLAINTEXT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void derOpaqueSignaturesUnwrapToTheRawEntityByteForByte(String sha) throws Exception {
        InspectionResult result = inspector(sha.equals("SHA1"))
            .inspect(opaque(read("alice.textplain.sig." + sha), "signed-data"));

        assertVerifiedButNotTrusted(result);
        assertThat(MimeEntities.contentEntity(result.message())).isEqualTo(read("alice.textplain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void derDetachedSignaturesVerifyOverTheRawEntity(String sha) throws Exception {
        String entity = new String(read("alice.mime"), StandardCharsets.ISO_8859_1);
        String signature = Base64.getMimeEncoder().encodeToString(read("alice.mime.dsig." + sha));
        String signed = "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=\"raw\"\r\n\r\n"
            + "--raw\r\n" + entity + "\r\n--raw\r\nContent-Type: application/pkcs7-signature\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + signature + "\r\n--raw--\r\n";

        InspectionResult result = inspector(sha.equals("SHA1")).inspect(withHeaders(signed));
        InspectionResult altered = inspector(sha.equals("SHA1")).inspect(withHeaders(signed.replace("from Alice", "from Mallory")));

        assertVerifiedButNotTrusted(result);
        assertThat(altered.verified()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA256", "SHA384", "SHA512"})
    void headerlessDetachedSignaturesCarryingOtherContentAreNotVerified(String sha) throws Exception {
        InspectionResult result = inspector(true).inspect(MimeEntities.parse(read("alice.dsig." + sha + ".multipart.mismatch-econtent")));

        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.CONTENT_AMBIGUOUS);
    }

    /** Bob's keys as the keystore hands them out: only for the issuer and serial a RecipientInfo names. */
    private static Function<KeySelector, List<DecryptionKey>> bobByRecipientId() throws Exception {
        List<DecryptionKey> bob = Corpus.bob();
        return selector -> bob.stream().filter(key -> selector instanceof KeySelector.IssuerAndSerial id
            && id.issuer().equals(key.certificate().getIssuerX500Principal())
            && id.serialNumber().equals(key.certificate().getSerialNumber())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.mime.env", "alice.dsig.SHA1.multipart.env", "alice.dsig.SHA256.multipart.env",
        "alice.dsig.SHA384.multipart.env", "alice.dsig.SHA512.multipart.env", "alice.sig.SHA1.opaque.env",
        "alice.sig.SHA256.opaque.env", "alice.sig.SHA384.opaque.env", "alice.sig.SHA512.opaque.env"})
    void derEnvelopesForTheOldBobReportNoKey(String file) throws Exception {
        DecryptOutcome outcome = new SmimeDecryptor(bobByRecipientId(), false).decrypt(opaque(read(file), "enveloped-data"));

        assertThat(outcome).isInstanceOfSatisfying(DecryptOutcome.NoKey.class,
            noKey -> assertThat(noKey.recipients()).anyMatch(r -> r.startsWith("issuer=\"CN=NSS Test CA,")));
    }

    @Test
    void todaysEnvelopeOpensWithTheSameKeyLookup() throws Exception {
        DecryptOutcome outcome = new SmimeDecryptor(bobByRecipientId(), false)
            .decrypt(MimeEntities.parse(read("alice.env.eml")));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
    }
}
