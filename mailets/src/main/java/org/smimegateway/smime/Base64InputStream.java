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
final class Base64InputStream extends ChunkedInputStream {
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
    private final byte[] decoded = new byte[raw.length / 4 * 3 + 3];
    private int bits;
    private int bitCount;
    private boolean padded;
    private boolean eof;

    Base64InputStream(InputStream in) {
        this.in = in;
    }

    @Override
    boolean produce() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(raw, 0, raw.length);
        if (n < 0) {
            eof = true;
            serve(decoded, finish());
        } else {
            serve(decoded, decode(n));
        }
        return true;
    }

    /** Decodes {@code length} bytes of input into {@code decoded}; returns how many bytes came out. */
    private int decode(int length) throws IOException {
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
        return out;
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
    private int finish() throws IOException {
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
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
