package org.smimegateway.smime;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.ParseException;

/**
 * Cuts a {@code multipart/signed} body into its two parts by their exact bytes, without any MIME re-serialisation:
 * the first part is what the signature covers, byte for byte as delivered.
 */
final class MultipartSigned {
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");

    private MultipartSigned() {
    }

    /** The exact bytes of the two parts of a multipart/signed body, or empty when it has not exactly two. */
    static Optional<byte[][]> split(MimeMessage message) throws MessagingException, IOException {
        String boundary = boundary(message.getContentType());
        if (boundary == null) {
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = message.getRawInputStream()) {
            body = MimeEntities.readFully(in);
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<int[]> lines = delimiterLines(body, delimiter);
        // Expect: first delimiter, second delimiter, closing delimiter.
        if (lines.size() != 3 || lines.get(2)[2] != 1 || lines.get(0)[2] == 1 || lines.get(1)[2] == 1) {
            return Optional.empty();
        }
        byte[] first = slice(body, lines.get(0)[1], lines.get(1)[0]);
        byte[] second = slice(body, lines.get(1)[1], lines.get(2)[0]);
        return Optional.of(new byte[][] {first, second});
    }

    /**
     * The header block of the first part, read from the start of the body only (preamble and headers within
     * {@code limit} bytes), so that finding out what a signature covers costs no copy of the message. Empty when no
     * delimiter line and blank line come within the limit.
     */
    static Optional<String> firstPartHeaders(MimeMessage message, int limit) throws MessagingException, IOException {
        String boundary = boundary(message.getContentType());
        if (boundary == null) {
            return Optional.empty();
        }
        String delimiter = "--" + boundary;
        StringBuilder headers = new StringBuilder();
        boolean inHeaders = false;
        try (InputStream in = message.getRawInputStream()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(new BoundedInputStream(in, limit),
                StandardCharsets.ISO_8859_1));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (inHeaders) {
                    if (line.isEmpty()) {
                        return Optional.of(headers.toString());
                    }
                    headers.append(line).append("\r\n");
                } else {
                    inHeaders = line.startsWith(delimiter) && line.substring(delimiter.length()).isBlank();
                }
            }
        }
        return Optional.empty();
    }

    /** Ends the stream after {@code limit} bytes. */
    private static final class BoundedInputStream extends FilterInputStream {
        private int left;

        BoundedInputStream(InputStream in, int limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }

    /** The boundary parameter; leniently, since clients write parameters javax.mail's strict parser refuses. */
    private static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return new ContentType(contentType).getParameter("boundary");
        } catch (ParseException e) {
            Matcher matcher = BOUNDARY.matcher(contentType);
            return matcher.find() ? matcher.group(1) != null ? matcher.group(1) : matcher.group(2) : null;
        }
    }

    /** Each delimiter line: {start of the line ending before it, index after the line, closing?}. */
    private static List<int[]> delimiterLines(byte[] body, byte[] delimiter) {
        List<int[]> result = new ArrayList<>();
        int i = 0;
        while (i <= body.length - delimiter.length) {
            boolean atLineStart = i == 0 || body[i - 1] == '\n';
            if (atLineStart && regionEquals(body, i, delimiter)) {
                int after = i + delimiter.length;
                boolean closing = after + 1 < body.length && body[after] == '-' && body[after + 1] == '-';
                int end = closing ? after + 2 : after;
                boolean onlyWhitespace = true;
                while (end < body.length && body[end] != '\n') {
                    onlyWhitespace &= body[end] == ' ' || body[end] == '\t' || body[end] == '\r';
                    end++;
                }
                if (!onlyWhitespace) {
                    // "--boundary-more" is body text, not our delimiter.
                    i = Math.min(end + 1, body.length);
                    continue;
                }
                int lineEnd = Math.min(end + 1, body.length);
                // The line break before the delimiter belongs to the delimiter (RFC 2046 5.1.1).
                int before = i;
                if (before > 0 && body[before - 1] == '\n') {
                    before--;
                    if (before > 0 && body[before - 1] == '\r') {
                        before--;
                    }
                }
                result.add(new int[] {before, lineEnd, closing ? 1 : 0});
                if (closing) {
                    break;
                }
                i = lineEnd;
            } else {
                i++;
            }
        }
        return result;
    }

    private static boolean regionEquals(byte[] body, int offset, byte[] expected) {
        for (int j = 0; j < expected.length; j++) {
            if (body[offset + j] != expected[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] body, int from, int to) {
        return to <= from ? new byte[0] : Arrays.copyOfRange(body, from, to);
    }
}
