package org.smimegateway.smime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes on in blocks; closing it only flushes, so a stream that must be closed to finish its own output (a
 * base64 encoder, a cipher stream) can be closed without closing the message or structure it writes into.
 */
final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
