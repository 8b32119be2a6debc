package org.smimegateway.smime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes every line ending as CRLF: bare LF becomes CRLF, bare CR becomes CRLF, CRLF stays. */
final class CrlfOutputStream extends FilterOutputStream {
    private int previous = -1;

    CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n') {
            if (previous != '\r') {
                out.write('\r');
            }
            out.write('\n');
        } else {
            if (previous == '\r') {
                out.write('\n');
            }
            if (b != '\r') {
                out.write(b);
            } else {
                out.write('\r');
            }
        }
        previous = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r' || previous == '\r') {
                out.write(b, start, i - start);
                write(c);
                start = i + 1;
            } else {
                previous = c;
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
