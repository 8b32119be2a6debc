package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** The byte-level plumbing every S/MIME operation rests on. */
class MimeEntitiesTest {

    private static String crlfReference(String text) {
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    @Test
    void aHeaderSectionStartingWithContinuationLinesIsAMessagingExceptionNotAnIndexError() {
        byte[] message = " \n \nContent-Type: text/plain\n\nbody\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MimeEntities.parse(message)).isInstanceOf(MessagingException.class)
            .hasMessageContaining("continuation lines");
    }

    @Test
    void crlfStreamGivesTheCanonicalFormWhateverTheChunking() throws Exception {
        Random random = new Random(3);
        String alphabet = "ab\r\n\r\r\n\n";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(60); i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] input = text.toString().getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream crlf = new CrlfOutputStream(out)) {
                int offset = 0;
                while (offset < input.length) {
                    int length = Math.min(input.length - offset, 1 + random.nextInt(5));
                    if (length == 1 && random.nextBoolean()) {
                        crlf.write(input[offset]);
                    } else {
                        crlf.write(input, offset, length);
                    }
                    offset += length;
                }
            }

            assertThat(out.toString(StandardCharsets.US_ASCII)).as("input %s", text.toString().replace("\r", "\\r")
                .replace("\n", "\\n")).isEqualTo(crlfReference(text.toString()));
            assertThat(MimeEntities.canonical(input)).isEqualTo(out.toByteArray());
        }
    }

    @Test
    void canonicalContentIsNotCopied() {
        byte[] entity = "Content-Type: text/plain\r\n\r\nalready canonical\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(MimeEntities.canonical(entity)).isSameAs(entity);
    }

    @Test
    void decodedBodiesOver8KbAreReadWhole() throws Exception {
        byte[] data = new byte[50_000];
        new Random(5).nextBytes(data);
        MimeMessage message = MimeEntities.parse(("MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(data) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));

        try (InputStream in = message.getInputStream()) {
            assertThat(MimeEntities.readFully(in)).isEqualTo(data);
        }
    }

    @Test
    void withEntityKeepsEnvelopeHeadersAndTheEntityByteForByte() throws Exception {
        MimeMessage original = MimeEntities.parse(("Received: from a by b\r\nFrom: alice@gateway.test\r\nSubject: s\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nold\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] entity = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe\n"
            .getBytes(StandardCharsets.UTF_8);

        MimeMessage result = MimeEntities.withEntity(original, entity);

        String expected = "Received: from a by b\r\nFrom: alice@gateway.test\r\nSubject: s\r\nMIME-Version: 1.0\r\n";
        byte[] bytes = MimeEntities.bytes(result);
        assertThat(new String(bytes, 0, expected.length(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(bytes, expected.length(), bytes.length)).isEqualTo(entity);
        assertThat(MimeEntities.contentEntity(result)).isEqualTo(entity);
    }

    @Test
    void headerBlockStopsAtTheBlankLine() {
        byte[] entity = "Content-Type: text/plain\r\nX-A: 1\r\n\r\nContent-Type: not a header\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(MimeEntities.headerBlock(entity)).isEqualTo("Content-Type: text/plain\r\nX-A: 1\r\n");
        assertThat(MimeEntities.headerNames(entity)).containsExactlyInAnyOrder("content-type", "x-a");
    }
}
