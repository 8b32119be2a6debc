package org.smimegateway.smime;

import java.io.OutputStream;
import java.util.Arrays;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

/**
 * The one buffer a produced message lives in. Its entity is streamed in first, behind room reserved for the envelope
 * headers, because which outer headers survive depends on the headers the entity brings (protected headers); the
 * headers are then put in front of it and the message parsed in place, sharing the buffer. So a 25 MB message is
 * never copied from one array to the next.
 */
final class MessageBuffer extends OutputStream {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final int reserved;
    private byte[] buffer;
    private int count;

    MessageBuffer(int reservedForHeaders, int expectedEntitySize) {
        this.reserved = reservedForHeaders;
        this.buffer = new byte[reservedForHeaders + Math.max(1024, expectedEntitySize)];
        this.count = reservedForHeaders;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void ensure(int more) {
        if (count + more > buffer.length) {
            long wanted = Math.max((long) count + more, buffer.length + (long) buffer.length / 2);
            if ((long) count + more > MAX_ARRAY) {
                throw new OutOfMemoryError("message larger than 2 GB");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, MAX_ARRAY));
        }
    }

    /** The entity written so far: the bytes from the start of the entity to {@code entityLength()}. */
    byte[] array() {
        return buffer;
    }

    int entityOffset() {
        return reserved;
    }

    int entityLength() {
        return count - reserved;
    }

    /** Puts {@code headers} (at most the reserved size) in front of the entity and parses the whole as a message. */
    MimeMessage toMessage(byte[] headers, int headersLength) throws MessagingException {
        if (headersLength > reserved) {
            throw new IllegalArgumentException("headers exceed the reserved " + reserved + " bytes");
        }
        int start = reserved - headersLength;
        System.arraycopy(headers, 0, buffer, start, headersLength);
        return new MimeMessage(MimeEntities.SESSION, new SharedByteArrayInputStream(buffer, start, count - start));
    }
}
