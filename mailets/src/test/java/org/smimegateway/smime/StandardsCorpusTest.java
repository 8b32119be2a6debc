package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.keystore.DecryptionKey;

/**
 * The examples of the standards in ../shared/corpus: RFC 9216 / draft-ireland-examples-cms (modern algorithms) and
 * RFC 4134 (1999-era SHA-1, DSA, 3DES and RC2: read only with the legacy opt-ins). Thunderbird's SHA-1 messages
 * show the same opt-in on real mail.
 */
class StandardsCorpusTest {
    /** The content of every example: bare text, not a MIME entity, so it shows up in the delivered bytes only. */
    private static final String SAMPLE_CONTENT = "This is some sample content.";

    private static Path examples(String file) {
        return Corpus.root().resolve("examples-cms").resolve(file);
    }

    private static Path rfc9216Ca() {
        return Corpus.root().resolve("certvalidator-pr-rfc9216/tests/fixtures/rfc9216");
    }

    private static Path rfc4134(String file) {
        return Corpus.root().resolve("bc-test-data/rfc4134").resolve(file);
    }

    private static MimeMessage opaque(String from, byte[] der, String smimeType) throws Exception {
        return MimeEntities.parse(("From: " + from + "\r\nTo: bob@smime.example\r\nSubject: example\r\nMIME-Version: 1.0\r\n"
            + new String(SmimeSigner.opaque(der, smimeType), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
    }

    private static String delivered(MimeMessage message) throws Exception {
        return new String(MimeEntities.bytes(message), StandardCharsets.US_ASCII);
    }

    private static PrivateKey pkcs8(byte[] der, String algorithm) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PrivateKey pkcs8Pem(Path file, String algorithm) throws Exception {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "");
        return pkcs8(Base64.getMimeDecoder().decode(pem), algorithm);
    }

    private static SmimeInspector verifyingAgainst(X509Certificate anchor, boolean acceptSha1) {
        return new SmimeInspector(Optional.empty(), new SmimeVerifier(TestTrust.anchoredAt(anchor), acceptSha1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"signedByAliceRSA", "signedByAliceRSAPSS"})
    void rfc9216AliceSignaturesVerifyAndAreTrustedUnderTheSampleRsaCa(String name) throws Exception {
        byte[] der = Files.readAllBytes(examples("binary-files/" + name + ".p7m"));
        X509Certificate anchor = Corpus.certificate(rfc9216Ca().resolve("Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem"));

        InspectionResult result = verifyingAgainst(anchor, false).inspect(opaque("alice@smime.example", der, "signed-data"));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(delivered(result.message())).contains(SAMPLE_CONTENT);
    }

    @Test
    void rfc9216CarlosEd25519SignatureVerifies() throws Exception {
        byte[] der = Files.readAllBytes(examples("binary-files/signedByCarlosEd25519.p7m"));
        X509Certificate anchor = Corpus.certificate(rfc9216Ca().resolve("Sample_LAMPS_Ed25519_Certification_Authority.selfsigned.pem"));

        InspectionResult result = verifyingAgainst(anchor, false).inspect(opaque("carlos@smime.example", der, "signed-data"));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    /**
     * A detached signature travels as multipart/signed: the first part is exactly the signed bytes (here the bare
     * sample string, which the splitter hands over unchanged), the second the CMS.
     */
    private static MimeMessage clearSigned(String from, String content, byte[] signature) throws Exception {
        String boundary = "detached-boundary";
        String message = "From: " + from + "\r\nTo: bob@smime.example\r\nSubject: example\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;"
            + " boundary=\"" + boundary + "\"\r\n\r\n"
            + "--" + boundary + "\r\n" + content + "\r\n"
            + "--" + boundary + "\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(signature) + "\r\n"
            + "--" + boundary + "--\r\n";
        return MimeEntities.parse(message.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void rfc9216CarlosDetachedEd25519SignatureVerifiesOverTheSampleContent() throws Exception {
        byte[] der = Files.readAllBytes(examples("binary-files/signedByCarlosDetached.p7m"));
        X509Certificate anchor = Corpus.certificate(rfc9216Ca().resolve("Sample_LAMPS_Ed25519_Certification_Authority.selfsigned.pem"));

        InspectionResult result = verifyingAgainst(anchor, false).inspect(clearSigned("carlos@smime.example", SAMPLE_CONTENT, der));
        InspectionResult altered = verifyingAgainst(anchor, false)
            .inspect(clearSigned("carlos@smime.example", SAMPLE_CONTENT.replace("sample", "simple"), der));

        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
        assertThat(altered.verified()).isFalse();
    }

    @Test
    void rfc9216KekEnvelopeIsReportedAsNoKeyWithItsRecipient() throws Exception {
        // The KEK is not published (manifest): nothing the gateway holds can open it, which must say so plainly.
        DecryptionKey bob = new DecryptionKey(pkcs8Pem(examples("certs-and-keys/lamps-bob.decrypt.p8.pem"), "RSA"),
            Corpus.certificate(examples("certs-and-keys/lamps-bob.encrypt.crt")));
        MimeMessage message = opaque("alice@smime.example", Files.readAllBytes(examples("binary-files/encryptedKekri.p7m")),
            "enveloped-data");

        InspectionResult result = new SmimeInspector(Optional.of(new SmimeDecryptor(selector -> List.of(bob), false)),
            new SmimeVerifier(TestTrust.anchoredAt(bob.certificate()))).inspect(message);

        SecurityLayer.Encrypted layer = (SecurityLayer.Encrypted) result.layers().get(0);
        assertThat(layer.outcome()).isInstanceOf(DecryptOutcome.NoKey.class);
        assertThat(layer.recipients()).hasSize(1);
        assertThat(layer.outcome().reason()).startsWith("no private key for any of");
        assertThat(result.decrypted()).isFalse();
        assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(message));
    }

    @Test
    void rfc9216SignersWithoutEmbeddedCertificatesAreNotVerified() throws Exception {
        byte[] der = Files.readAllBytes(examples("binary-files/signedByAliceAndCarlosNoCerts.p7m"));
        X509Certificate anchor = Corpus.certificate(rfc9216Ca().resolve("Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem"));

        InspectionResult result = verifyingAgainst(anchor, false).inspect(opaque("alice@smime.example", der, "signed-data"));

        assertThat(result.signatureLayers().get(0).signers()).hasSize(2)
            .allSatisfy(signer -> assertThat(signer.verifyProblem()).map(SmimeVerdict::reason).hasValue(VerdictReason.SIGNER_CERTIFICATE_MISSING));
        assertThat(result.verified()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"encryptedForBobAndDana", "authEnvelopedForBobChaCha20Poly1305"})
    void rfc9216EnvelopesForBobDecryptToTheSampleContent(String name) throws Exception {
        DecryptionKey bob = new DecryptionKey(pkcs8Pem(examples("certs-and-keys/lamps-bob.decrypt.p8.pem"), "RSA"),
            Corpus.certificate(examples("certs-and-keys/lamps-bob.encrypt.crt")));
        byte[] der = Files.readAllBytes(examples("binary-files/" + name + ".p7m"));
        String type = name.startsWith("auth") ? "authEnveloped-data" : "enveloped-data";

        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(bob), false).decrypt(opaque("alice@smime.example", der, type));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        DecryptOutcome.Decrypted decrypted = (DecryptOutcome.Decrypted) outcome;
        assertThat(delivered(decrypted.message())).contains(SAMPLE_CONTENT);
        assertThat(decrypted.recipients()).hasSizeGreaterThanOrEqualTo(1);
    }

    /**
     * Dana's AuthEnvelopedData (X25519 with HKDF, RFC 8418/9629 style) opens; her share of encryptedForBobAndDana
     * (X25519 with the X9.63 KDF) is beyond Bouncy Castle 1.87, as it is beyond OpenSSL 3.0.
     */
    @Test
    void rfc9216AuthEnvelopeForDanaOpensWithHerX25519Key() throws Exception {
        String name = "authEnvelopedForDanaX25519HKDF";
        DecryptionKey dana = new DecryptionKey(pkcs8Pem(examples("certs-and-keys/lamps-dana.decrypt.p8.pem"), "X25519"),
            Corpus.certificate(examples("certs-and-keys/lamps-dana.encrypt.crt")));
        byte[] der = Files.readAllBytes(examples("binary-files/" + name + ".p7m"));
        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(dana), false)
            .decrypt(opaque("alice@smime.example", der, "authEnveloped-data"));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        assertThat(delivered(((DecryptOutcome.Decrypted) outcome).message())).contains(SAMPLE_CONTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice.dsig.SHA1.multipart.eml", "alice.sig.SHA1.opaque.eml"})
    void thunderbirdSha1SignaturesAreRefusedUnlessInsecureSha1IsAccepted(String file) throws Exception {
        X509Certificate anchor = Corpus.certificate(Corpus.thunderbird("TestCA.pem"));
        MimeMessage message = MimeEntities.parse(Files.readAllBytes(Corpus.thunderbird(file)));

        InspectionResult refused = verifyingAgainst(anchor, false).inspect(message);
        InspectionResult accepted = verifyingAgainst(anchor, true).inspect(message);

        assertThat(refused.verified()).isFalse();
        assertThat(refused.signatureLayers().get(0).signers().get(0).verifyProblem())
            .hasValueSatisfying(v -> assertThat(v.sentence()).contains("SHA-1")).map(SmimeVerdict::reason).hasValue(VerdictReason.WEAK_ALGORITHM);
        assertThat(accepted.verified()).isTrue();
        assertThat(accepted.trusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.1.bin", "4.2.bin", "4.4.bin", "4.5.bin", "4.7.bin"})
    void rfc4134OpaqueSignaturesVerifyOnlyWithInsecureSha1Accepted(String file) throws Exception {
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlRSASelf.cer"));
        MimeMessage message = opaque("alice@example.com", Files.readAllBytes(rfc4134(file)), "signed-data");

        assertThat(verifyingAgainst(anchor, false).inspect(message).verified()).isFalse();
        InspectionResult accepted = verifyingAgainst(anchor, true).inspect(message);

        assertThat(accepted.signatureLayers().get(0).signers()).allMatch(SignerReport::verified);
        assertThat(delivered(accepted.message())).contains(SAMPLE_CONTENT);
    }

    @Test
    void rfc4134DetachedSignatureVerifiesOverExContentWithInsecureSha1Accepted() throws Exception {
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlDSSSelf.cer"));
        byte[] der = Files.readAllBytes(rfc4134("4.3.bin"));
        String content = new String(Files.readAllBytes(rfc4134("ExContent.bin")), StandardCharsets.US_ASCII);

        InspectionResult refused = verifyingAgainst(anchor, false).inspect(clearSigned("alice@example.com", content, der));
        InspectionResult accepted = verifyingAgainst(anchor, true).inspect(clearSigned("alice@example.com", content, der));

        assertThat(refused.verified()).isFalse();
        assertThat(accepted.signatureLayers().get(0).signers()).hasSize(1).allMatch(SignerReport::verified);
    }

    /**
     * Diane's DSA certificate inherits its domain parameters from Carl's (RFC 4134 4.6); like most libraries the
     * engine cannot build her key, so her signature is reported not verified, and so is the layer, without an error.
     */
    @Test
    void rfc4134MultipleSignersWithAnInheritedDsaKeyAreNotAllVerified() throws Exception {
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlDSSSelf.cer"));
        MimeMessage message = opaque("alice@example.com", Files.readAllBytes(rfc4134("4.6.bin")), "signed-data");

        InspectionResult result = verifyingAgainst(anchor, true).inspect(message);

        SecurityLayer.Signed layer = result.signatureLayers().get(0);
        assertThat(layer.signers()).hasSize(2).anyMatch(signer -> !signer.verified());
        assertThat(layer.verified()).isFalse();
        assertThat(result.verified()).isFalse();
        // Her key cannot be built, so her signature cannot be processed: neutral (RFC 8601 2.7.1), never pass.
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result))
            .startsWith("gw.test; smime=neutral reason=\"signature-unreadable: ");
    }

    /**
     * Bouncy Castle checks a signature over the DER encoding of the signed attributes (RFC 5652 5.4 says that is what
     * is signed). This sample's eight attributes (security labels, ML expansion history ...) re-encode differently
     * from the bytes the 1999 signer signed, so the engine reports the signature not verified; OpenSSL, which checks
     * the bytes as received, accepts it. Fail closed: a clear "does not match", never an error.
     */
    @Test
    void rfc4134SignedAttributesWhoseDerEncodingDiffersAreNotVerified() throws Exception {
        byte[] der = Files.readAllBytes(rfc4134("4.10.bin"));
        SignerInformation signer = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
        byte[] asReceived = signer.toASN1Structure().getAuthenticatedAttributes().getEncoded(ASN1Encoding.DL);
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlDSSSelf.cer"));

        InspectionResult result = verifyingAgainst(anchor, true).inspect(opaque("alice@example.com", der, "signed-data"));

        assertThat(signer.getEncodedSignedAttributes()).isNotEqualTo(asReceived);
        assertThat(result.verified()).isFalse();
        assertThat(result.signatureLayers().get(0).signers().get(0).verifyProblem()).map(SmimeVerdict::reason).hasValue(VerdictReason.CONTENT_ALTERED);
        assertThat(delivered(result.message())).contains(SAMPLE_CONTENT);
    }

    @Test
    void rfc4134CertificatesOnlyIsNeitherASignatureNorAnError() throws Exception {
        byte[] der = Files.readAllBytes(rfc4134("4.11.bin"));
        MimeMessage certsOnly = opaque("alice@example.com", der, "certs-only");
        MimeMessage posingAsSigned = opaque("alice@example.com", der, "signed-data");
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlDSSSelf.cer"));

        InspectionResult certs = verifyingAgainst(anchor, true).inspect(certsOnly);
        InspectionResult signed = verifyingAgainst(anchor, true).inspect(posingAsSigned);

        assertThat(certs.layers()).isEmpty();
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", certs)).isEqualTo("gw.test; smime=none");
        assertThat(signed.verified()).isFalse();
        assertThat(signed.signatureLayers().get(0).problem()).isPresent();
    }

    /** Data (BER and DER), digested and encrypted data (RFC 4134 3.x, 6.0, 7.x) are no S/MIME signature or envelope. */
    @ParameterizedTest
    @ValueSource(strings = {"3.1.bin", "3.2.bin", "6.0.bin", "7.1.bin", "7.2.bin"})
    void rfc4134ContentTypesThatAreNoSignatureNorEnvelopeGetAClearResult(String file) throws Exception {
        byte[] der = Files.readAllBytes(rfc4134(file));
        DecryptionKey bob = new DecryptionKey(pkcs8(Files.readAllBytes(rfc4134("BobPrivRSAEncrypt.pri")), "RSA"),
            Corpus.certificate(rfc4134("BobRSASignByCarl.cer")));

        InspectionResult asSigned = verifyingAgainst(Corpus.certificate(rfc4134("CarlRSASelf.cer")), true)
            .inspect(opaque("alice@example.com", der, "signed-data"));
        DecryptOutcome asEnveloped = new SmimeDecryptor(selector -> List.of(bob), true)
            .decrypt(opaque("alice@example.com", der, "enveloped-data"));

        assertThat(asSigned.verified()).isFalse();
        assertThat(asSigned.signatureLayers().get(0).problem()).map(SmimeVerdict::reason).hasValue(VerdictReason.SIGNATURE_UNREADABLE);
        assertThat(asEnveloped).isInstanceOfSatisfying(DecryptOutcome.Corrupt.class,
            corrupt -> assertThat(corrupt.reason()).contains("not enveloped data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.8.eml", "4.9.eml"})
    void rfc4134SignedMessagesVerifyWithInsecureSha1Accepted(String file) throws Exception {
        X509Certificate anchor = Corpus.certificate(rfc4134("CarlDSSSelf.cer"));
        MimeMessage message = MimeEntities.parse(Files.readAllBytes(rfc4134(file)));

        InspectionResult result = verifyingAgainst(anchor, true).inspect(message);

        assertThat(result.signatureLayers().get(0).signers()).isNotEmpty().allMatch(SignerReport::verified);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.1.bin", "5.2.bin"})
    void rfc4134TripleDesAndRc2EnvelopesOpenOnlyWithLegacyAlgorithmsAllowed(String file) throws Exception {
        DecryptionKey bob = new DecryptionKey(pkcs8(Files.readAllBytes(rfc4134("BobPrivRSAEncrypt.pri")), "RSA"),
            Corpus.certificate(rfc4134("BobRSASignByCarl.cer")));
        MimeMessage message = opaque("alice@example.com", Files.readAllBytes(rfc4134(file)), "enveloped-data");

        DecryptOutcome refused = new SmimeDecryptor(selector -> List.of(bob), false).decrypt(message);
        DecryptOutcome allowed = new SmimeDecryptor(selector -> List.of(bob), true).decrypt(message);

        assertThat(refused).isInstanceOf(DecryptOutcome.LegacyAlgorithmRefused.class);
        assertThat(allowed).isInstanceOf(DecryptOutcome.Decrypted.class);
        assertThat(delivered(((DecryptOutcome.Decrypted) allowed).message()))
            .contains(new String(Files.readAllBytes(rfc4134("ExContent.bin")), StandardCharsets.US_ASCII));
    }

    @Test
    void rfc4134EncryptedMimeMessageOpensWithLegacyAlgorithmsAllowed() throws Exception {
        DecryptionKey bob = new DecryptionKey(pkcs8(Files.readAllBytes(rfc4134("BobPrivRSAEncrypt.pri")), "RSA"),
            Corpus.certificate(rfc4134("BobRSASignByCarl.cer")));

        DecryptOutcome outcome = new SmimeDecryptor(selector -> List.of(bob), true)
            .decrypt(MimeEntities.parse(Files.readAllBytes(rfc4134("5.3.eml"))));

        assertThat(outcome).isInstanceOf(DecryptOutcome.Decrypted.class);
        assertThat(((DecryptOutcome.Decrypted) outcome).algorithm()).isEqualTo("DES_EDE3_CBC");
    }
}
