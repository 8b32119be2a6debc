package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes a base64 body as it is read, a buffer at a time. JavaMail's decoder fetches every input byte through a
 * method call, which made it the single largest cost of opening a 25 MB message; this one runs a table lookup over
 * a 64 KB buffer. Line breaks and other whitespace are skipped; any other character outside the alphabet, or data
 * after the padding, is an {@link IOException} (a damaged body must not decode to something plausible).
 */
final class Base64InputStream extends InputStream {
    private static final int[] VALUES = new int[256];
    private static final int WHITESPACE = -1;
    private static final int INVALID = -2;
    private static final int PAD = -3;

    static {
        Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        for (char c : new char[] {' ', '\t', '\r', '\n', '\f', 0x0b}) {
            VALUES[c] = WHITESPACE;
        }
        VALUES['='] = PAD;
    }

    private final InputStream in;
    private final byte[] raw = new byte[64 * 1024];
    /** Decoded bytes not yet handed out: at most the three of one group, or one buffer's worth. */
    private final byte[] decoded = new byte[raw.length / 4 * 3 + 3];
    private int decodedStart;
    private int decodedEnd;
    private int bits;
    private int bitCount;
    private boolean padded;
    private boolean eof;

    Base64InputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (decodedStart == decodedEnd && !fill()) {
            return -1;
        }
        return decoded[decodedStart++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (decodedStart == decodedEnd && !fill()) {
            return -1;
        }
        int n = Math.min(len, decodedEnd - decodedStart);
        System.arraycopy(decoded, decodedStart, b, off, n);
        decodedStart += n;
        return n;
    }

    @Override
    public int available() {
        return decodedEnd - decodedStart;
    }

    /** Decodes the next buffer of input; false at the end of the data. */
    private boolean fill() throws IOException {
        decodedStart = 0;
        decodedEnd = 0;
        while (decodedEnd == 0) {
            if (eof) {
                return false;
            }
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                eof = true;
                finish();
                return decodedEnd > 0;
            }
            decode(n);
        }
        return true;
    }

    private void decode(int length) throws IOException {
        int out = 0;
        for (int i = 0; i < length; i++) {
            int value = VALUES[raw[i] & 0xff];
            if (value >= 0) {
                if (padded) {
                    throw new IOException("base64 data after the padding");
                }
                bits = bits << 6 | value;
                if (++bitCount == 4) {
                    decoded[out++] = (byte) (bits >> 16);
                    decoded[out++] = (byte) (bits >> 8);
                    decoded[out++] = (byte) bits;
                    bits = 0;
                    bitCount = 0;
                }
            } else if (value == PAD) {
                out = pad(out);
            } else if (value == INVALID) {
                throw new IOException("not base64: byte 0x" + Integer.toHexString(raw[i] & 0xff));
            }
        }
        decodedEnd = out;
    }

    /** '=' completes a final group of two or three characters; a second '=' after "xx=" is part of it. */
    private int pad(int out) throws IOException {
        if (padded) {
            return out;
        }
        padded = true;
        if (bitCount == 2) {
            decoded[out++] = (byte) (bits >> 4);
        } else if (bitCount == 3) {
            decoded[out++] = (byte) (bits >> 10);
            decoded[out++] = (byte) (bits >> 2);
        } else {
            throw new IOException("misplaced base64 padding");
        }
        bits = 0;
        bitCount = 0;
        return out;
    }

    /** Unpadded input may end in a group of two or three characters, as lenient encoders write it. */
    private void finish() throws IOException {
        int out = 0;
        if (bitCount == 1) {
            throw new IOException("truncated base64");
        }
        if (bitCount == 2) {
            decoded[out++] = (byte) (bits >> 4);
        } else if (bitCount == 3) {
            decoded[out++] = (byte) (bits >> 10);
            decoded[out++] = (byte) (bits >> 2);
        }
        bitCount = 0;
        decodedEnd = out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
