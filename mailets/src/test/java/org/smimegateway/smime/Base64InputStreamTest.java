package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Our base64 body decoder against the JDK's, and the CRLF stream's write sizes. */
class Base64InputStreamTest {

    /** Hands out the input a few bytes at a time, as network-backed streams do. */
    private static InputStream trickling(byte[] bytes, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @Test
    void decodesWhatTheJdkEncodesWhateverTheLengthLineBreaksAndChunking() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[random.nextInt(round < 250 ? 200 : 200_000)];
            random.nextBytes(data);
            byte[] encoded = (random.nextBoolean() ? Base64.getMimeEncoder() : Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)))
                .encode(data);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Base64InputStream decoder = new Base64InputStream(trickling(encoded, random))) {
                byte[] buffer = new byte[1 + random.nextInt(100_000)];
                for (int n; (n = decoder.read(buffer, 0, buffer.length)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            }

            assertThat(out.toByteArray()).as("round %d, %d bytes", round, data.length).isEqualTo(data);
        }
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws Exception {
        byte[] data = "S/MIME\u0000\u00ff body".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Base64InputStream decoder = new Base64InputStream(new ByteArrayInputStream(Base64.getEncoder().encode(data)))) {
            for (int b; (b = decoder.read()) >= 0; ) {
                out.write(b);
            }
        }

        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void unpaddedFinalGroupsDecodeAsLenientEncodersMeanThem() throws Exception {
        byte[] data = {1, 2, 3, 4, 5};
        byte[] unpadded = Base64.getEncoder().withoutPadding().encode(data);

        assertThat(new Base64InputStream(new ByteArrayInputStream(unpadded)).readAllBytes()).isEqualTo(data);
    }

    @Test
    void foreignCharactersDataAfterPaddingAndTruncationAreErrorsNotGuesses() {
        for (String damaged : new String[] {"QUJD*RUY=", "QUI=QUJD", "QUJDR", "=QUJD"}) {
            assertThatThrownBy(() -> new Base64InputStream(new ByteArrayInputStream(damaged.getBytes(StandardCharsets.US_ASCII)))
                .readAllBytes()).as(damaged).isInstanceOf(IOException.class);
        }
    }

    @Test
    void crlfStreamForwardsCanonicalTextInBoundedRunsNotOneWriteOfTheWhole() throws Exception {
        byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789012345\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[line.length * 20_000];
        for (int i = 0; i < 20_000; i++) {
            System.arraycopy(line, 0, text, i * line.length, line.length);
        }
        int[] largest = {0};
        int[] writes = {0};
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream recorder = new OutputStream() {
            @Override
            public void write(int b) {
                writes[0]++;
                received.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                largest[0] = Math.max(largest[0], len);
                received.write(b, off, len);
            }
        };

        try (OutputStream crlf = new CrlfOutputStream(recorder)) {
            crlf.write(text);
        }

        assertThat(received.toByteArray()).isEqualTo(text);
        assertThat(largest[0]).isLessThanOrEqualTo(64 * 1024);
        // One write per 64 KB run, not three per line as when every CR and LF was written on its own.
        assertThat(writes[0]).isLessThan(text.length / (32 * 1024));
    }
}
