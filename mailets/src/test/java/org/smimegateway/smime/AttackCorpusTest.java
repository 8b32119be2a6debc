package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.keystore.DecryptionKey;

/**
 * Thunderbird's hand-made attack and confusion messages (an encrypted part wrapped in multipart/mixed below a
 * signature, S/MIME inside PGP and PGP inside S/MIME, encrypted parts hidden in multipart/alternative for reply-based
 * exfiltration): inspected with Bob's key, none is reported verified or trusted, and nothing below foreign MIME is
 * decrypted, so the delivered bytes are the received ones. (A bad S/MIME signature straight around an envelope is no
 * foreign MIME: {@link EncryptedThenSignedCorpusTest} shows it opened and reported failed.)
 */
class AttackCorpusTest {

    private static Path file(String path) {
        return Corpus.root().resolve("releases-comm-central").resolve(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mailnews/test/data/smime-manual/alice.env.mixed.dsig.SHA256.multipart.eml",
        "mailnews/test/data/smime-manual/outer-pgp-sig-inner-smime-enc-sig.eml",
        "mailnews/test/data/smime-manual/outer-pgp-sig-inner-smime-enc.eml",
        "mail/test/browser/smime/data/multipart-alternative.eml",
        "mail/test/browser/openpgp/data/eml/outer-smime-bad-sig-inner-pgp-enc-sig-with-mixed.eml",
        "mail/test/browser/openpgp/data/eml/outer-smime-bad-sig-inner-pgp-enc-sig.eml",
        "mail/test/browser/openpgp/data/eml/outer-smime-bad-sig-inner-pgp-enc.eml",
        "mail/test/browser/openpgp/data/eml/inner-smime-sig-in-pgp-encrypted.eml"})
    void confusingStructuresAreNeverVerifiedNorOpenedBelowForeignMime(String path) throws Exception {
        List<DecryptionKey> bob = Corpus.pkcs12(Corpus.thunderbird("Bob.p12"), "nss");
        SmimeInspector inspector = new SmimeInspector(Optional.of(new SmimeDecryptor(selector -> bob, false)),
            new SmimeVerifier(TestTrust.anchoredAt(Corpus.certificate(Corpus.thunderbird("TestCA.pem")))));
        byte[] received = Files.readAllBytes(file(path));
        MimeMessage message = MimeEntities.parse(received);

        InspectionResult result = inspector.inspect(message);

        assertThat(result.verified()).as("verified").isFalse();
        assertThat(result.trusted()).as("trusted").isFalse();
        assertThat(result.decrypted()).as("decrypted").isFalse();
        assertThat(MimeEntities.bytes(result.message())).isEqualTo(MimeEntities.bytes(MimeEntities.parse(received)));
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).doesNotContain("smime=pass");
    }
}
