package org.smimegateway.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * Measures the MIME structure of a message from its bytes, line by line, with one explicit stack of open containers
 * and no MIME tree: JavaMail and mime4j build and walk their trees recursively, so a message nested a few thousand
 * levels deep overflows the stack of whoever parses it first. This scanner is where that is found out instead, and
 * it stops at the first limit exceeded, so its work is bounded by the limits, not by the message.
 *
 * <p>It errs on the side of seeing more structure than a parser would: a multipart without boundary parameter takes
 * its first {@code --} line as boundary (as JavaMail does), and a multipart or message/rfc822 entity with a
 * transfer encoding other than 7bit, 8bit or binary (RFC 2045 section 6.4 forbids it; parsers decode it and look
 * inside) counts as exceeding the limits, since what it hides cannot be measured without decoding.
 */
public final class MimeStructureScanner extends OutputStream {
    /** Bytes of a line kept: enough for any boundary line we accept (boundaries longer than that are refused). */
    private static final int KEPT_LINE = 2048;
    private static final int MAX_BOUNDARY = 1000;
    /** Characters of one header field kept while looking for Content-Type and Content-Transfer-Encoding. */
    private static final int KEPT_FIELD = 16 * 1024;
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("7bit", "8bit", "binary");
    private static final byte[] CRLF = {'\r', '\n'};

    /** An open container: a multipart (with its boundary, learnt late if the header gave none) or an rfc822 message. */
    private static final class Container {
        private final boolean multipart;
        private String boundary;

        Container(boolean multipart, String boundary) {
            this.multipart = multipart;
            this.boundary = boundary;
        }
    }

    /** Thrown into {@code writeTo} to stop it once a limit is exceeded; never leaves this class. */
    private static final class Stop extends IOException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super("MIME limit exceeded");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final MimeLimits limits;
    private final byte[] line = new byte[KEPT_LINE];
    private int lineLength;
    private boolean lineCut;
    private final List<Container> open = new ArrayList<>();
    private boolean inHeaders = true;
    private final StringBuilder field = new StringBuilder();
    private String contentType;
    private String encoding;
    private long bytes;
    private int parts;
    private int depth;
    private String exceeded;
    private boolean topLevel = true;

    private MimeStructureScanner(MimeLimits limits) {
        this.limits = limits;
    }

    /**
     * The shape of a whole message: its header lines, then its raw body as a stream. Not {@code writeTo}: James's
     * message wrapper saves changes first when a header was changed, which parses the Content-Type and fails on
     * one JavaMail cannot parse.
     */
    public static MimeShape scan(MimeMessage message, MimeLimits limits) throws MessagingException, IOException {
        MimeStructureScanner scanner = new MimeStructureScanner(limits);
        try {
            for (String line : Collections.list(message.getAllHeaderLines())) {
                scanner.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            scanner.write(CRLF);
            try (InputStream body = MimeEntities.parsedForm(message).getRawInputStream()) {
                body.transferTo(scanner);
            }
            scanner.finish();
        } catch (Stop stop) {
            // The limit is recorded; the rest of the message need not be read.
        }
        return scanner.shape();
    }

    /** The shape of an entity (header lines, blank line, body). */
    public static MimeShape scan(byte[] entity, MimeLimits limits) {
        return scan(new ByteArrayInputStream(entity), limits);
    }

    static MimeShape scan(InputStream in, MimeLimits limits) {
        MimeStructureScanner scanner = new MimeStructureScanner(limits);
        try (in) {
            in.transferTo(scanner);
            scanner.finish();
        } catch (Stop stop) {
            // recorded
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        return scanner.shape();
    }

    private MimeShape shape() {
        return new MimeShape(depth, parts, bytes, Optional.ofNullable(exceeded));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        bytes += len;
        if (limits.maxBytes() > 0 && bytes > limits.maxBytes()) {
            exceed("larger than " + limits.maxBytes() + " bytes");
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                endLine();
            } else if (lineLength < KEPT_LINE) {
                line[lineLength++] = c;
            } else {
                lineCut = true;
            }
        }
    }

    private void finish() throws IOException {
        if (lineLength > 0 || lineCut) {
            endLine();
        }
        if (inHeaders) {
            endField();
        }
    }

    private void endLine() throws IOException {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (inHeaders) {
            headerLine(length);
        } else {
            bodyLine(length);
        }
        lineLength = 0;
        lineCut = false;
    }

    private void headerLine(int length) throws IOException {
        if (length == 0 && !lineCut) {
            endField();
            endHeaders();
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        if (line[0] == ' ' || line[0] == '\t') {
            if (field.length() < KEPT_FIELD) {
                field.append(text);
            }
            return;
        }
        endField();
        field.append(text);
    }

    private void endField() {
        int colon = field.indexOf(":");
        if (colon > 0) {
            String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).trim();
            // The first occurrence counts, as JavaMail reads it.
            if (name.equals("content-type") && contentType == null) {
                contentType = value;
            } else if (name.equals("content-transfer-encoding") && encoding == null) {
                encoding = value.toLowerCase(Locale.ROOT);
            }
        }
        field.setLength(0);
    }

    private void endHeaders() throws IOException {
        inHeaders = false;
        if (topLevel) {
            topLevel = false;
            if (!MimeEntities.contentTypeParses(contentType)) {
                // James saves a message whose header changed (every mailet stamping a header does that) by parsing
                // its Content-Type first: one that does not parse makes the mail impossible to write, deliver or keep.
                exceed("a Content-Type that cannot be parsed");
            }
        }
        String type = contentType == null ? "" : mediaType(contentType);
        boolean multipart = type.startsWith("multipart/");
        boolean message = type.equals("message/rfc822") || type.equals("message/global");
        if (multipart || message) {
            if (encoding != null && !IDENTITY_ENCODINGS.contains(encoding)) {
                exceed(type + " with Content-Transfer-Encoding " + encoding + " (RFC 2045 6.4 allows 7bit, 8bit or binary)");
            }
            String boundary = multipart ? parameter(contentType, "boundary") : null;
            if (boundary != null && (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY)) {
                exceed("multipart boundary of " + boundary.length() + " characters");
            }
            open.add(new Container(multipart, boundary));
            depth = Math.max(depth, open.size());
            if (open.size() > limits.maxDepth()) {
                exceed("MIME nested deeper than " + limits.maxDepth() + " levels");
            }
            // The body of a message/rfc822 entity is a message: its header lines follow at once.
            inHeaders = message;
        }
        contentType = null;
        encoding = null;
    }

    private void bodyLine(int length) throws IOException {
        if (lineCut || length < 2 || line[0] != '-' || line[1] != '-') {
            return;
        }
        while (length > 2 && (line[length - 1] == ' ' || line[length - 1] == '\t')) {
            length--;
        }
        String candidate = new String(line, 2, length - 2, StandardCharsets.ISO_8859_1);
        // Innermost first; a delimiter of an outer multipart closes everything inside it.
        for (int i = open.size() - 1; i >= 0; i--) {
            Container container = open.get(i);
            if (!container.multipart) {
                continue;
            }
            if (container.boundary == null) {
                if (i != open.size() - 1) {
                    continue;
                }
                container.boundary = candidate;
            }
            if (candidate.equals(container.boundary)) {
                truncate(i + 1);
                nextPart();
                return;
            }
            if (candidate.length() == container.boundary.length() + 2 && candidate.startsWith(container.boundary)
                && candidate.endsWith("--")) {
                truncate(i);
                return;
            }
        }
    }

    private void nextPart() throws IOException {
        parts++;
        if (parts > limits.maxParts()) {
            exceed("more than " + limits.maxParts() + " MIME parts");
        }
        inHeaders = true;
    }

    private void truncate(int size) {
        while (open.size() > size) {
            open.remove(open.size() - 1);
        }
    }

    private void exceed(String reason) throws Stop {
        if (exceeded == null) {
            exceeded = reason;
        }
        throw new Stop();
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.replaceAll("\\([^)]*\\)", "").replaceAll("\\s", "").toLowerCase(Locale.ROOT);
    }

    /** A parameter's value (quoted or not), case-insensitive name; null when absent. */
    static String parameter(String contentType, String name) {
        int at = contentType.indexOf(';');
        while (at >= 0 && at < contentType.length()) {
            int equals = contentType.indexOf('=', at);
            if (equals < 0) {
                return null;
            }
            String key = contentType.substring(at + 1, equals).trim();
            int start = equals + 1;
            while (start < contentType.length() && Character.isWhitespace(contentType.charAt(start))) {
                start++;
            }
            String value;
            int next;
            if (start < contentType.length() && contentType.charAt(start) == '"') {
                StringBuilder quoted = new StringBuilder();
                int i = start + 1;
                while (i < contentType.length() && contentType.charAt(i) != '"') {
                    char c = contentType.charAt(i);
                    if (c == '\\' && i + 1 < contentType.length()) {
                        c = contentType.charAt(++i);
                    }
                    quoted.append(c);
                    i++;
                }
                value = quoted.toString();
                next = contentType.indexOf(';', i);
            } else {
                next = contentType.indexOf(';', start);
                value = (next < 0 ? contentType.substring(start) : contentType.substring(start, next)).trim();
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
            at = next;
        }
        return null;
    }
}
