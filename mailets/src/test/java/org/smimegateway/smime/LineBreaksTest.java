package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The canonical length counted up front is exactly what {@link CrlfOutputStream} writes, whatever the chunking. */
class LineBreaksTest {
    private static final Random RANDOM = new Random(20261204);

    @RepeatedTest(300)
    void countedLengthIsWhatTheCrlfStreamWrites() throws Exception {
        byte[] text = new byte[RANDOM.nextInt(3000)];
        // From line-break-free text to nothing but CRs and LFs, so every word takes both paths.
        int density = 1 + RANDOM.nextInt(120);
        for (int i = 0; i < text.length; i++) {
            int pick = RANDOM.nextInt(density);
            text[i] = pick == 0 ? (byte) '\r' : pick == 1 ? (byte) '\n' : (byte) ('a' + RANDOM.nextInt(26));
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        LineBreaks.Counter counter = new LineBreaks.Counter();
        try (OutputStream crlf = new CrlfOutputStream(canonical)) {
            writeChunked(text, crlf);
        }
        writeChunked(text, counter);

        assertThat(counter.canonicalLength()).isEqualTo(canonical.size());
        assertThat(new String(canonical.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContainPattern("\r(?!\n)|(?<!\r)\n");
    }

    @Test
    void aCrAtTheVeryEndAndCrlfSplitAcrossWritesCountRight() throws Exception {
        LineBreaks.Counter counter = new LineBreaks.Counter();
        counter.write(new byte[] {'a', '\r'}, 0, 2);
        counter.write(new byte[] {'\n', 'b', '\r'}, 0, 3);

        // a CR LF b CR LF: the split pair stays one line break, the last CR gets its LF.
        assertThat(counter.canonicalLength()).isEqualTo(6);
    }

    private static void writeChunked(byte[] text, OutputStream out) throws Exception {
        int at = 0;
        while (at < text.length) {
            int n = Math.min(text.length - at, RANDOM.nextBoolean() ? 1 + RANDOM.nextInt(20) : 1 + RANDOM.nextInt(700));
            if (n == 1 && RANDOM.nextBoolean()) {
                out.write(text[at]);
            } else {
                out.write(text, at, n);
            }
            at += n;
        }
    }
}
