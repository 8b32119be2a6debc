package org.smimegateway.smime;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Line-break scanning eight bytes at a time: mail text has a CR or LF only every 70 to 80 bytes, so most 8-byte words
 * can be skipped with one test instead of eight. Also counts the CRLF-canonical length of a stream
 * ({@link Counter}), which definite-length encryption needs before the first byte is encrypted.
 */
final class LineBreaks {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = '\n' * ONES;
    private static final long CRS = '\r' * ONES;

    private LineBreaks() {
    }

    /** True when none of the 8 bytes from {@code offset} is CR or LF. */
    static boolean noneIn8(byte[] bytes, int offset) {
        long word = (long) WORDS.get(bytes, offset);
        return !hasZeroByte(word ^ LFS) && !hasZeroByte(word ^ CRS);
    }

    private static boolean hasZeroByte(long x) {
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /**
     * Counts what {@link CrlfOutputStream} would write for the bytes written here, keeping none: every bare LF and
     * every bare CR becomes two bytes, so the canonical length is the length plus CRs plus LFs minus twice the CRLFs.
     */
    static final class Counter extends OutputStream {
        private long length;
        private long breaks;
        private long pairs;
        private boolean afterCr;

        @Override
        public void write(int b) {
            length++;
            step((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            length += count;
            int i = offset;
            int end = offset + count;
            while (i < end) {
                if (i + 8 <= end && noneIn8(bytes, i)) {
                    afterCr = false;
                    i += 8;
                } else {
                    step(bytes[i++]);
                }
            }
        }

        private void step(byte c) {
            if (c == '\n') {
                breaks++;
                if (afterCr) {
                    pairs++;
                }
                afterCr = false;
            } else if (c == '\r') {
                breaks++;
                afterCr = true;
            } else {
                afterCr = false;
            }
        }

        long canonicalLength() {
            return length + breaks - 2 * pairs;
        }
    }
}
