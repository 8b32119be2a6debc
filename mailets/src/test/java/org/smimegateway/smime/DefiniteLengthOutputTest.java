package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * Every CMS object we write has definite lengths only, and is DER: DER-only parsers (pyca/cryptography,
 * RustCrypto, forge) read our mail. The lengths are computed before the content is written, so they are checked at
 * the sizes where a computation could slip: cipher block edges, length-of-length edges, bare line endings.
 */
class DefiniteLengthOutputTest {
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;
    private static TestIdentity erin;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Definite");
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
        erin = pki.endEntity("erin@remote.test").ec().issue();
    }

    static Stream<Arguments> encryptionsAndBodySizes() {
        // Body sizes around AES blocks and around 128, 256 and 65536 bytes of content (after the entity headers).
        List<Integer> sizes = Stream.of(IntStream.rangeClosed(0, 33), IntStream.rangeClosed(40, 90),
                IntStream.rangeClosed(180, 215), IntStream.rangeClosed(65_440, 65_480), IntStream.of(300_000))
            .flatMapToInt(s -> s).boxed().toList();
        return Stream.of(ContentEncryption.values())
            .flatMap(encryption -> sizes.stream().map(size -> Arguments.of(encryption, size)));
    }

    @ParameterizedTest(name = "{0}, body {1} bytes")
    @MethodSource("encryptionsAndBodySizes")
    void envelopesAreDerAtEverySizeAndDecryptToTheEntity(ContentEncryption encryption, int bodySize) throws Exception {
        MimeMessage original = message(body(bodySize, "\r\n"));
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));

        MimeMessage encrypted = new SmimeEncryptor(encryption, KeyTransport.RSA_PKCS1).encrypt(original, List.of(carol.certificate()));

        assertDer(PeerMessages.cms(encrypted));
        InspectionResult result = PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));
        assertThat(result.decrypted()).isTrue();
        assertThat(MimeEntities.contentEntity(result.message())).isEqualTo(entity);
    }

    @ParameterizedTest
    @EnumSource(ContentEncryption.class)
    void bareLineEndingsAreCountedAsTheCrlfTheyBecome(ContentEncryption encryption) throws Exception {
        // Bare LF and bare CR turn into CRLF while encrypting: the announced length must count them that way.
        MimeMessage original = message(body(5000, "\n") + "and\ra bare CR\r\rtwice\n");
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));

        MimeMessage encrypted = new SmimeEncryptor(encryption, KeyTransport.RSA_OAEP_SHA256).encrypt(original, List.of(carol.certificate()));

        assertDer(PeerMessages.cms(encrypted));
        InspectionResult result = PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));
        assertThat(MimeEntities.contentEntity(result.message())).isEqualTo(entity);
    }

    @ParameterizedTest
    @EnumSource(ContentEncryption.class)
    void envelopesForSeveralRsaAndEcRecipientsAreDer(ContentEncryption encryption) throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(encryption, KeyTransport.RSA_OAEP_SHA256)
            .encrypt(message(body(2000, "\r\n")), List.of(carol.certificate(), erin.certificate(), alice.certificate()));

        assertDer(PeerMessages.cms(encrypted));
        assertThat(PeerMessages.inspector(pki, erin).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted))).decrypted())
            .isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignFormat.class)
    void signaturesAreDer(SignFormat format) throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, format)
            .sign(message(body(70_000, "\r\n")), alice.asSigningIdentity());

        assertDer(format == SignFormat.CLEAR ? PeerMessages.detachedSignature(signed) : PeerMessages.cms(signed));
        InspectionResult result = PeerMessages.inspector(pki).inspect(MimeEntities.parse(MimeEntities.bytes(signed)));
        assertThat(result.verified()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ContentEncryption.class)
    void indefiniteLengthsOnRequestAreBerAndDecryptToTheEntity(ContentEncryption encryption) throws Exception {
        MimeMessage original = message(body(70_000, "\n"));
        byte[] entity = MimeEntities.canonical(MimeEntities.contentEntity(original));

        MimeMessage encrypted = new SmimeEncryptor(encryption, KeyTransport.RSA_PKCS1, CmsLengths.INDEFINITE)
            .encrypt(original, List.of(carol.certificate()));

        byte[] cms = PeerMessages.cms(encrypted);
        assertThat(cms[1]).as("outer ContentInfo length octet").isEqualTo((byte) 0x80);
        InspectionResult result = PeerMessages.inspector(pki, carol).inspect(MimeEntities.parse(MimeEntities.bytes(encrypted)));
        assertThat(result.decrypted()).isTrue();
        assertThat(MimeEntities.contentEntity(result.message())).isEqualTo(entity);
    }

    @Test
    void cmsLengthsNamesTheAcceptedWords() {
        assertThat(CmsLengths.parse(" Indefinite ")).isEqualTo(CmsLengths.INDEFINITE);
        assertThatThrownBy(() -> CmsLengths.parse("ber"))
            .hasMessage("'ber' is not definite or indefinite");
    }

    @Test
    void theCheckRejectsWhatBouncyCastlesStreamGeneratorsWrite() throws Exception {
        // The check itself can fail: an indefinite-length SEQUENCE (as BER stream generators write) is refused.
        byte[] indefinite = {0x30, (byte) 0x80, 0x04, 0x01, 0x41, 0x00, 0x00};
        byte[] longFormShort = {0x04, (byte) 0x81, 0x01, 0x41};

        assertThat(indefiniteOrNonMinimalAt(indefinite)).isEqualTo(0);
        assertThat(indefiniteOrNonMinimalAt(longFormShort)).isEqualTo(0);
    }

    private static MimeMessage message(String body) throws Exception {
        return MimeEntities.parse(("From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: sizes\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code size} bytes of text in lines of at most 70 characters ending in {@code lineEnd} (counted in size). */
    private static String body(int size, String lineEnd) {
        StringBuilder text = new StringBuilder(size);
        while (text.length() < size) {
            int line = Math.min(70, size - text.length());
            if (line > lineEnd.length()) {
                text.append("x".repeat(line - lineEnd.length())).append(lineEnd);
            } else {
                text.append("y".repeat(line));
            }
        }
        return text.toString();
    }

    /** Definite, minimal lengths everywhere, and Bouncy Castle's DER encoding of what it parses is the same bytes. */
    private static void assertDer(byte[] cms) throws Exception {
        assertThat(indefiniteOrNonMinimalAt(cms)).as("offset of an indefinite or non-minimal length").isEqualTo(-1);
        assertThat(ASN1Primitive.fromByteArray(cms).getEncoded(ASN1Encoding.DER)).isEqualTo(cms);
    }

    /**
     * Walks every TLV, descending into constructed ones (iteratively); the offset of the first indefinite or
     * non-minimal length or of content overrunning its parent, else -1.
     */
    private static int indefiniteOrNonMinimalAt(byte[] der) {
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {0, der.length});
        while (!ranges.isEmpty()) {
            int[] range = ranges.pop();
            int at = range[0];
            while (at < range[1]) {
                int start = at;
                boolean constructed = (der[at] & 0x20) != 0;
                if ((der[at++] & 0x1f) == 0x1f) {
                    while ((der[at++] & 0x80) != 0) {
                        // high tag number continues
                    }
                }
                int first = der[at++] & 0xff;
                long length;
                if (first < 0x80) {
                    length = first;
                } else {
                    int octets = first & 0x7f;
                    if (octets == 0 || der[at] == 0) {
                        return start;
                    }
                    length = 0;
                    for (int i = 0; i < octets; i++) {
                        length = length << 8 | der[at++] & 0xff;
                    }
                    if (length < 0x80) {
                        return start;
                    }
                }
                if (at + length > range[1]) {
                    return start;
                }
                if (constructed) {
                    ranges.push(new int[] {at, (int) (at + length)});
                }
                at += (int) length;
            }
        }
        return -1;
    }
}
