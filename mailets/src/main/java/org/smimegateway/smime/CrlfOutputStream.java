package org.smimegateway.smime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every line ending as CRLF: bare LF becomes CRLF, bare CR becomes CRLF, CRLF stays. Text that already has
 * CRLF endings (all mail from SMTP) passes through in runs of at most {@value #MAX_RUN} bytes, so the stream
 * behind (a cipher, a digest) sees few, large writes and never one the size of the whole message.
 */
final class CrlfOutputStream extends FilterOutputStream {
    private static final int MAX_RUN = 64 * 1024;
    private final byte[] single = new byte[1];
    private int previous = -1;

    CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (previous != '\r' && i + 8 <= end && i + 8 - start < MAX_RUN && LineBreaks.noneIn8(b, i)) {
                // Eight bytes of plain text: nothing to insert, the run goes on.
                previous = b[i + 7];
                i += 7;
                continue;
            }
            byte c = b[i];
            if (c == '\n') {
                if (previous != '\r') {
                    // Bare LF: the CR goes in front of it, the LF starts the next run.
                    out.write(b, start, i - start);
                    out.write('\r');
                    start = i;
                }
            } else if (previous == '\r') {
                // Bare CR (already written): complete it.
                out.write(b, start, i - start);
                out.write('\n');
                start = i;
            }
            previous = c;
            if (i + 1 - start >= MAX_RUN) {
                out.write(b, start, i + 1 - start);
                start = i + 1;
            }
        }
        out.write(b, start, end - start);
    }

    @Override
    public void close() throws IOException {
        if (previous == '\r') {
            out.write('\n');
            previous = '\n';
        }
        super.close();
    }
}
