package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/**
 * What the engine's fuzz tests share: one PKI per JVM (alice signs, carol holds the gateway's key), the keys and
 * trust the engine works with, the seeds (the third-party corpus read where it lies, plus messages this project's
 * engine makes at test time) and the checks every outcome must pass. Fuzzing: mailets/README.md, "Fuzzing".
 */
final class FuzzFixture {
    static final TestPki PKI = TestPki.create("Fuzz");
    static final TestIdentity ALICE = PKI.user("alice@gateway.test");
    static final TestIdentity CAROL = PKI.user("carol@remote.test");
    /** Carol's key, and Thunderbird's Bob's when the corpus is there, so its envelopes open all the way. */
    static final List<DecryptionKey> KEYS = keys();
    /** The entity every clear-signed fuzz message carries as its first part. */
    static final byte[] SIGNED_ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nPay the invoice.\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    private static final String HEADERS = "From: Alice <alice@gateway.test>\r\nTo: carol@remote.test\r\n"
        + "Subject: fuzz\r\nMessage-ID: <fuzz@gateway.test>\r\nMIME-Version: 1.0\r\n";
    private static final int MAX_SEED_BYTES = 256 * 1024;

    private FuzzFixture() {
    }

    static SmimeVerifier verifier() {
        return new SmimeVerifier(TestTrust.anchoredAt(PKI.rootCertificate()));
    }

    static SmimeDecryptor decryptor() {
        return new SmimeDecryptor(selector -> KEYS, false);
    }

    static SmimeInspector inspector() {
        return new SmimeInspector(Optional.of(decryptor()), verifier());
    }

    /** An application/pkcs7-mime message around any bytes, as a peer would send a CMS object. */
    static MimeMessage opaque(byte[] der, String smimeType) throws Exception {
        return MimeEntities.parse(concat(HEADERS.getBytes(StandardCharsets.US_ASCII), SmimeSigner.opaque(der, smimeType)));
    }

    /** A multipart/signed message over {@link #SIGNED_ENTITY} with any bytes as its detached signature. */
    static MimeMessage clearSigned(byte[] signature) throws Exception {
        String head = HEADERS + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
            + "micalg=sha-256; boundary=\"fuzz-boundary\"\r\n\r\n--fuzz-boundary\r\n";
        String middle = "\r\n--fuzz-boundary\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
        return MimeEntities.parse(concat(head.getBytes(StandardCharsets.US_ASCII), SIGNED_ENTITY,
            middle.getBytes(StandardCharsets.US_ASCII), SmimeSigner.base64(signature),
            "\r\n--fuzz-boundary--\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * What the mailets do with every result: write the message out and render the verdict headers. A header value
     * must stay one line whatever the message carried (no header injection through names or reasons).
     */
    static void assertDeliverable(InspectionResult result) throws Exception {
        MimeEntities.bytes(result.message());
        List<Map.Entry<String, String>> headers = new SecurityInfoHeaders(SecurityInfoHeaders.DEFAULT_PREFIX).render(result);
        assertThat(headers).allSatisfy(header -> assertThat(header.getKey()).doesNotContain("\r", "\n", ":"));
        assertThat(SecurityInfoHeaders.authenticationResults("gw.test", result)).doesNotContain("\r", "\n");
        assertThat(!result.trusted() || result.verified()).as("trusted implies verified").isTrue();
    }

    // ---- seeds

    /** Whole messages: the corpus's, and the engine's own output for every kind of layer. */
    static Stream<Arguments> messageSeeds() throws Exception {
        List<Arguments> seeds = new ArrayList<>(generatedMessages());
        for (Path file : corpusFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            if (looksLikeMessage(bytes)) {
                seeds.add(seed(file, bytes));
            }
        }
        return seeds.stream();
    }

    /** CMS objects: DER and PEM files of the corpus, the CMS inside its messages, and the engine's own. */
    static Stream<Arguments> cmsSeeds() throws Exception {
        List<Arguments> seeds = new ArrayList<>();
        for (Arguments message : generatedMessages()) {
            Named<?> named = (Named<?>) message.get()[0];
            cmsOf((byte[]) named.getPayload()).ifPresent(der -> seeds.add(Arguments.of(Named.of(named.getName(), der))));
        }
        seeds.add(Arguments.of(Named.of("generated: detached signature over the fixed entity", detachedOverEntity())));
        for (Path file : corpusFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            Optional<byte[]> der = bytes.length > 0 && (bytes[0] & 0xFF) == 0x30 ? Optional.of(bytes)
                : looksLikeMessage(bytes) ? cmsOf(bytes) : pem(bytes);
            der.ifPresent(d -> seeds.add(seed(file, d)));
        }
        return seeds.stream();
    }

    private static List<Arguments> generatedMessages() throws Exception {
        MimeMessage plain = MimeEntities.parse((HEADERS + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe\r\n").getBytes(StandardCharsets.UTF_8));
        SmimeSigner opaque = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.OPAQUE);
        SmimeSigner clear = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR);
        MimeMessage clearSigned = clear.sign(plain, ALICE.asSigningIdentity());
        MimeMessage cbc = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(clearSigned, List.of(CAROL.certificate()));
        MimeMessage gcm = new SmimeEncryptor(ContentEncryption.AES256_GCM, KeyTransport.RSA_OAEP_SHA256)
            .encrypt(opaque.sign(plain, ALICE.asSigningIdentity()), List.of(CAROL.certificate()));
        List<Arguments> seeds = new ArrayList<>();
        seeds.add(generated("plain 8-bit", plain));
        seeds.add(generated("opaque signed", opaque.sign(plain, ALICE.asSigningIdentity())));
        seeds.add(generated("clear-signed", clearSigned));
        seeds.add(generated("clear-signed, then AES-CBC", cbc));
        seeds.add(generated("opaque signed, then AES-GCM with RSA-OAEP", gcm));
        seeds.add(generated("triple wrapped", opaque.sign(gcm, ALICE.asSigningIdentity())));
        seeds.add(generated("AES-CBC, then clear-signed", clear.sign(cbc, ALICE.asSigningIdentity())));
        seeds.add(Arguments.of(Named.of("generated: clear-signed part in multipart/mixed", partiallySigned(clearSigned))));
        seeds.add(Arguments.of(Named.of("generated: multipart nested 5,000 deep (256 KB)", deeplyNested())));
        return seeds;
    }

    private static Arguments generated(String name, MimeMessage message) throws Exception {
        return Arguments.of(Named.of("generated: " + name, MimeEntities.bytes(message)));
    }

    private static byte[] partiallySigned(MimeMessage clearSigned) throws Exception {
        return (HEADERS + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
            + "Content-Type: text/plain\r\n\r\nList footer\r\n--outer\r\n"
            + new String(MimeEntities.contentEntity(clearSigned), StandardCharsets.ISO_8859_1)
            + "\r\n--outer--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A message at the fuzzer's size limit whose multipart nesting goes as deep as its bytes allow. */
    static byte[] deeplyNested() {
        StringBuilder message = new StringBuilder(HEADERS);
        int depth = 0;
        while (message.length() < MAX_SEED_BYTES - 512 - depth * 8) {
            message.append("Content-Type: multipart/mixed; boundary=b").append(depth).append("\r\n\r\n--b").append(depth)
                .append("\r\n");
            depth++;
        }
        message.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\u00e9\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            message.append("--b").append(i).append("--\r\n");
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] detachedOverEntity() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(MimeEntities.parse(concat(HEADERS.getBytes(StandardCharsets.US_ASCII), SIGNED_ENTITY)),
                ALICE.asSigningIdentity());
        return PeerMessages.detachedSignature(signed);
    }

    /** The CMS object a message carries: its pkcs7-mime body, or the signature part of multipart/signed. */
    private static Optional<byte[]> cmsOf(byte[] message) {
        try {
            MimeMessage parsed = MimeEntities.parse(message);
            SmimeKind kind = SmimeClassifier.classify(parsed);
            if (kind == SmimeKind.MULTIPART_SIGNED) {
                return MultipartSigned.split(parsed).map(parts -> parts[1]).map(FuzzFixture::partBody);
            }
            if (kind == SmimeKind.NONE) {
                return Optional.empty();
            }
            try (InputStream in = parsed.getInputStream()) {
                return Optional.of(in.readAllBytes());
            }
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static byte[] partBody(byte[] part) {
        try (InputStream in = new MimeBodyPart(new ByteArrayInputStream(part)).getInputStream()) {
            return in.readAllBytes();
        } catch (Exception e) {
            return new byte[0];
        }
    }

    private static Optional<byte[]> pem(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0 || !(text.startsWith("CMS", begin + 11) || text.startsWith("PKCS7", begin + 11))) {
            return Optional.empty();
        }
        int start = text.indexOf('\n', begin) + 1;
        int end = text.indexOf("-----END", start);
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text.substring(start, end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeMessage(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        return head.matches("(?s)[A-Za-z][A-Za-z0-9-]*:.*");
    }

    /** The corpus files small enough to be seeds; none when the corpus is absent (CI requires it separately). */
    private static List<Path> corpusFiles() {
        Path root = Paths.get(System.getProperty("smimegateway.corpus", "../../shared/corpus"));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(FuzzFixture::small).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean small(Path file) {
        try {
            return Files.size(file) <= MAX_SEED_BYTES;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments seed(Path corpusFile, byte[] bytes) {
        return Arguments.of(Named.of("corpus: " + corpusFile.getParent().getFileName() + "/" + corpusFile.getFileName(), bytes));
    }

    private static List<DecryptionKey> keys() {
        List<DecryptionKey> keys = new ArrayList<>(List.of(CAROL.asDecryptionKey()));
        Path root = Paths.get(System.getProperty("smimegateway.corpus", "../../shared/corpus"));
        Path bob = root.resolve("releases-comm-central/mailnews/test/data/smime/Bob.p12");
        if (Files.isRegularFile(bob)) {
            try {
                keys.addAll(Corpus.pkcs12(bob, "nss"));
            } catch (Exception e) {
                throw new IllegalStateException("the corpus's Bob.p12 should open with the password the manifest gives", e);
            }
        }
        return List.copyOf(keys);
    }

    private static byte[] concat(byte[]... pieces) {
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] result = new byte[length];
        int offset = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, result, offset, piece.length);
            offset += piece.length;
        }
        return result;
    }
}
