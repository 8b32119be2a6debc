package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream whose bytes a subclass produces a buffer at a time (decoded base64, decrypted AES): this class
 * serves each chunk to {@code read} calls of any size and asks for the next only when it is used up.
 */
abstract class ChunkedInputStream extends InputStream {
    private byte[] chunk = new byte[0];
    private int start;
    private int end;

    /**
     * Produces the next chunk and hands it over with {@link #serve}; false at the end of the data. May serve an
     * empty chunk (it is asked again).
     */
    abstract boolean produce() throws IOException;

    /** The next {@code length} bytes of {@code array} are what the stream delivers next. */
    final void serve(byte[] array, int length) {
        chunk = array;
        start = 0;
        end = length;
    }

    @Override
    public int read() throws IOException {
        return ready() ? chunk[start++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        int n = Math.min(len, end - start);
        System.arraycopy(chunk, start, b, off, n);
        start += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && ready()) {
            int step = (int) Math.min(n - skipped, end - start);
            start += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return end - start;
    }

    private boolean ready() throws IOException {
        while (start == end) {
            if (!produce()) {
                return false;
            }
        }
        return true;
    }
}
