package org.smimegateway.benchmarks;

import java.io.OutputStream;
import java.util.Arrays;
import javax.mail.MessagingException;
import javax.mail.Part;

/**
 * Where every Java implementation writes its finished message in a timed benchmark: one buffer per thread, grown
 * once and reused, as a gateway's spool writes into its store. Materialising each result as a fresh
 * {@code byte[]} (a growing ByteArrayOutputStream and its {@code toByteArray()} copy) cost every implementation
 * twice the output size per message, which drowned what the implementations themselves allocate.
 */
public final class Output extends OutputStream {
    private static final ThreadLocal<Output> CURRENT = ThreadLocal.withInitial(Output::new);

    private byte[] buffer = new byte[64 * 1024];
    private int count;

    private Output() {
    }

    /** The thread's buffer, emptied, with {@code part} written into it. */
    static Output of(Part part) throws java.io.IOException, MessagingException {
        Output out = fresh();
        part.writeTo(out);
        return out;
    }

    /** The thread's buffer, emptied. */
    static Output fresh() {
        Output out = CURRENT.get();
        out.count = 0;
        return out;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    int length() {
        return count;
    }

    /** A copy of what was written, for set-up and for the naive peers' steps that pass bytes along. */
    byte[] toBytes() {
        return Arrays.copyOf(buffer, count);
    }

    private void ensure(int more) {
        if (count + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(count + more, buffer.length * 2));
        }
    }
}
