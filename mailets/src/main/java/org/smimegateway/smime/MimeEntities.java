package org.smimegateway.smime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;
import javax.mail.internet.ParseException;
import javax.mail.util.ByteArrayDataSource;
import javax.mail.util.SharedByteArrayInputStream;

import org.bouncycastle.cms.CMSException;

/**
 * Moves MIME entities in and out of messages as bytes, so that what is signed or encrypted is exactly what is
 * sent, and what is decrypted is delivered byte for byte. A message splits into its envelope headers (everything
 * but {@code Content-*}) and its content entity ({@code Content-*} headers, blank line, body).
 */
public final class MimeEntities {
    static final Session SESSION = Session.getInstance(new Properties());
    private static final byte[] CRLF = {'\r', '\n'};
    /** The header fields an inner entity may carry for the whole message (RFC 9788 section 2). */
    private static final Set<String> PROTECTED_HEADERS = Set.of("from", "to", "cc", "subject", "date", "message-id",
        "reply-to", "in-reply-to", "references", "keywords", "comments", "sender", "followup-to", "mail-followup-to");
    static final String DEFAULT_CONTENT_TYPE = "Content-Type: text/plain; charset=us-ascii";
    private static final byte[] MIME_VERSION = "MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private MimeEntities() {
    }

    /** Writes an entity into a message being built; see {@link #withEntity(MimeMessage, int, EntityWriter)}. */
    @FunctionalInterface
    interface EntityWriter {
        void write(OutputStream out) throws IOException, MessagingException, CMSException;
    }

    /**
     * The decoded body of a part. Base64, by far the usual encoding of CMS bodies, goes through our buffered decoder
     * (see {@link Base64InputStream}); anything else through JavaMail's.
     */
    static InputStream decodedBody(MimePart part) throws MessagingException, IOException {
        String encoding = part.getEncoding();
        if (encoding != null && encoding.trim().equalsIgnoreCase("base64")) {
            if (part instanceof MimeMessage message) {
                return new Base64InputStream(message.getRawInputStream());
            }
            if (part instanceof MimeBodyPart body) {
                return new Base64InputStream(body.getRawInputStream());
            }
        }
        return part.getInputStream();
    }

    /**
     * The message itself when it was parsed from bytes (as James hands mail to mailets); a message built in code
     * ({@code setText}, {@code setContent}: bounces, notices other mailets create) has no raw body until it is
     * written out, so it is written and parsed once.
     */
    public static MimeMessage parsedForm(MimeMessage message) throws MessagingException, IOException {
        try {
            message.getRawInputStream().close();
            return message;
        } catch (MessagingException notParsed) {
            return parse(bytes(message));
        }
    }

    /** The content entity of a message: its Content-* header lines, a blank line and the raw body. */
    public static byte[] contentEntity(MimeMessage message) throws MessagingException, IOException {
        MimeMessage source = parsedForm(message);
        // Sized exactly (header lines plus the raw body JavaMail counted), so the result is the buffer itself.
        long size = CRLF.length + Math.max(0, source.getSize());
        boolean hasContentType = false;
        for (String line : Collections.list(source.getAllHeaderLines())) {
            if (isContentHeader(line)) {
                hasContentType |= line.regionMatches(true, 0, "Content-Type:", 0, 13);
                size += line.length() + CRLF.length;
            }
        }
        if (!hasContentType) {
            size += DEFAULT_CONTENT_TYPE.length() + CRLF.length;
        }
        ExactBuffer out = new ExactBuffer((int) Math.min(size, Integer.MAX_VALUE - 16));
        writeContentEntity(source, out);
        return out.bytes();
    }

    /** A byte array output stream that hands out its own array when it was filled exactly. */
    private static final class ExactBuffer extends ByteArrayOutputStream {
        ExactBuffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    /** Streams the content entity of a message (see {@link #contentEntity(MimeMessage)}) without copying it first. */
    static void writeContentEntity(MimeMessage message, OutputStream out) throws MessagingException, IOException {
        MimeMessage source = parsedForm(message);
        boolean hasContentType = false;
        for (String line : Collections.list(source.getAllHeaderLines())) {
            if (isContentHeader(line)) {
                hasContentType |= line.regionMatches(true, 0, "Content-Type:", 0, 13);
                writeLine(out, line);
            }
        }
        if (!hasContentType) {
            writeLine(out, DEFAULT_CONTENT_TYPE);
        }
        out.write(CRLF);
        try (InputStream body = source.getRawInputStream()) {
            body.transferTo(out);
        }
    }

    /**
     * The length of what {@code writer} writes once CRLF-canonical (as it goes through a {@link CrlfOutputStream}),
     * counted in one pass without keeping a byte.
     */
    static long canonicalLength(EntityWriter writer) throws MessagingException, IOException, CMSException {
        LineBreaks.Counter counter = new LineBreaks.Counter();
        writer.write(counter);
        return counter.canonicalLength();
    }

    /**
     * A new message with the envelope headers of {@code original} (all but Content-* and MIME-Version) and the
     * given entity (which brings its own Content-* headers) as its content, byte for byte. Message headers the entity
     * carries itself (protected headers, RFC 9788: the real Subject under an outer "...") replace the outer ones;
     * trace and authentication headers (Received, Return-Path, DKIM-Signature, Authentication-Results ...) never do,
     * so content from outside cannot erase how the mail travelled.
     */
    public static MimeMessage withEntity(MimeMessage original, byte[] entity) throws MessagingException {
        try {
            return withEntity(original, entity.length, out -> out.write(entity));
        } catch (IOException | CMSException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * As {@link #withEntity(MimeMessage, byte[])}, with the entity streamed by {@code writer} straight into the one
     * buffer the new message is parsed from (see {@link MessageBuffer}).
     *
     * @param expectedSize a guess of the entity size, to size the buffer
     */
    static MimeMessage withEntity(MimeMessage original, int expectedSize, EntityWriter writer)
        throws MessagingException, IOException, CMSException {
        List<String> envelope = new ArrayList<>();
        int reserved = MIME_VERSION.length;
        for (String line : Collections.list(original.getAllHeaderLines())) {
            if (!isContentHeader(line) && !name(line).equals("mime-version")) {
                envelope.add(line);
                reserved += line.length() + CRLF.length;
            }
        }
        MessageBuffer buffer = new MessageBuffer(reserved, expectedSize);
        writer.write(buffer);
        Set<String> inner = headerNames(buffer.array(), buffer.entityOffset(), buffer.entityLength());
        ByteArrayOutputStream headers = new ByteArrayOutputStream(reserved);
        for (String line : envelope) {
            String name = name(line);
            if (!(inner.contains(name) && PROTECTED_HEADERS.contains(name))) {
                writeLine(headers, line);
            }
        }
        if (!inner.contains("mime-version")) {
            // An entity that brings its own MIME-Version (many clients put one into what they encrypt) keeps it alone.
            headers.writeBytes(MIME_VERSION);
        }
        return buffer.toMessage(headers.toByteArray(), headers.size());
    }

    static String name(String headerLine) {
        int colon = headerLine.indexOf(':');
        return colon > 0 ? headerLine.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
    }

    /** The header lines at the start of an entity, as text (Latin-1), up to the blank line. */
    static String headerBlock(byte[] entity) {
        int end = 0;
        while (end < entity.length) {
            int next = end;
            while (next < entity.length && entity[next] != '\n') {
                next++;
            }
            boolean blank = next == end || next == end + 1 && entity[end] == '\r';
            if (blank) {
                break;
            }
            end = Math.min(next + 1, entity.length);
        }
        return new String(entity, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Lower-case names of the header fields at the start of an entity. */
    static Set<String> headerNames(byte[] entity) {
        return headerNames(entity, 0, entity.length);
    }

    private static Set<String> headerNames(byte[] bytes, int offset, int length) {
        Set<String> names = new HashSet<>();
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
            if (lineEnd == lineStart) {
                break;
            }
            byte first = bytes[lineStart];
            if (first != ' ' && first != '\t') {
                for (int j = lineStart; j < lineEnd; j++) {
                    if (bytes[j] == ':') {
                        names.add(new String(bytes, lineStart, j - lineStart, StandardCharsets.ISO_8859_1).trim()
                            .toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
            lineStart = i + 1;
        }
        return names;
    }

    /**
     * Everything the stream holds. Not {@code InputStream.readAllBytes()}: javax.mail's base64 decoder answers a
     * zero-length read with end-of-stream, and readAllBytes asks for zero bytes whenever its 8 KB buffer is full,
     * so decoded bodies would be cut at 8192 bytes.
     */
    public static byte[] readFully(InputStream in) throws IOException {
        if (in instanceof ByteArrayInputStream) {
            // Raw bodies of parsed messages: one copy of the range, no growing buffer.
            return in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        in.transferTo(out);
        return out.toByteArray();
    }

    /**
     * The bytes as a message. A header block JavaMail cannot read is a {@code MessagingException}, never the runtime
     * exception JavaMail lets escape (a first line that continues a header nobody began throws
     * IndexOutOfBoundsException; found by SmimeClassifierFuzzTest): decrypted or unwrapped content is the sender's.
     */
    public static MimeMessage parse(byte[] bytes) throws MessagingException {
        try {
            return new MimeMessage(SESSION, new SharedByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new MessagingException("unreadable header block: " + e, e);
        }
    }

    public static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize() + 4096));
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The entity with every line ending CRLF, as S/MIME requires of signed content (RFC 8551 3.1.1). */
    public static byte[] canonical(byte[] entity) {
        if (isCanonical(entity)) {
            return entity;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entity.length + entity.length / 50 + 16);
        try (OutputStream crlf = new CrlfOutputStream(out)) {
            crlf.write(entity);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static boolean isCanonical(byte[] entity) {
        byte previous = 0;
        for (byte b : entity) {
            // A CR must be followed by LF, and an LF preceded by CR: both checks look at the same pair.
            if ((previous == '\r') != (b == '\n')) {
                return false;
            }
            previous = b;
        }
        return previous != '\r';
    }

    /**
     * The entity with every 8-bit or binary leaf re-encoded (quoted-printable for text, base64 otherwise), so that
     * no relay on the way can change the signed bytes by converting them. Entities already 7-bit come back as they
     * are.
     *
     * @throws LimitExceededException when the entity nests deeper than {@link MimeLimits#ENGINE} allows: JavaMail
     *                                reads and writes the tree recursively, so it is measured first
     */
    public static byte[] sevenBitSafe(byte[] entity) throws MessagingException, IOException {
        if (isSevenBit(entity)) {
            return entity;
        }
        MimeShape shape = MimeStructureScanner.scan(entity, MimeLimits.ENGINE);
        if (!shape.withinLimits()) {
            throw new LimitExceededException("not converted to 7bit: " + shape.exceeded().get());
        }
        MimeMessage holder = new MimeMessage(SESSION, new ByteArrayInputStream(entity));
        convertLeaves(holder);
        holder.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream(entity.length + entity.length / 3);
        holder.writeTo(out, new String[] {"Message-ID", "MIME-Version"});
        return out.toByteArray();
    }

    /**
     * Re-encodes every 8-bit leaf below {@code root}, walking the tree with an explicit stack (its depth was measured
     * first, but the walk itself needs no stack frames per level).
     */
    private static void convertLeaves(Part root) throws MessagingException, IOException {
        Deque<Part> pending = new ArrayDeque<>();
        List<Map.Entry<Part, Multipart>> containers = new ArrayList<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Part part = pending.pop();
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                containers.add(Map.entry(part, multipart));
                for (int i = multipart.getCount() - 1; i >= 0; i--) {
                    pending.push(multipart.getBodyPart(i));
                }
            } else {
                convertLeaf(part);
            }
        }
        // Innermost first: make JavaMail serialise the (possibly changed) children rather than the original bytes.
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).getKey().setContent(containers.get(i).getValue());
        }
    }

    private static void convertLeaf(Part part) throws MessagingException, IOException {
        String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
        String normalized = encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT);
        boolean identity = normalized.equals("7bit") || normalized.equals("8bit") || normalized.equals("binary");
        // "7bit" is only a label: sloppy clients send UTF-8 or 1000-character lines under it (or under no label).
        if (!identity || normalized.equals("7bit") && isSevenBit(raw(part))) {
            return;
        }
        byte[] decoded;
        try (InputStream in = part.getInputStream()) {
            decoded = readFully(in);
        }
        String contentType = part.getContentType();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(decoded, contentType)));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Transfer-Encoding", part.isMimeType("text/*") ? "quoted-printable" : "base64");
    }

    private static byte[] raw(Part part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeBodyPart body ? body.getRawInputStream()
            : part instanceof MimeMessage message ? message.getRawInputStream() : part.getInputStream();
        try (raw) {
            return readFully(raw);
        }
    }

    private static boolean isSevenBit(byte[] entity) {
        int lineLength = 0;
        for (byte b : entity) {
            if (b <= 0) {
                return false;
            }
            if (b == '\n') {
                lineLength = 0;
            } else if (++lineLength > 998) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether JavaMail parses this Content-Type value (absent counts as text/plain). James's message wrapper parses
     * the message's Content-Type whenever it saves a changed header; one that does not parse makes the message
     * unwritable once any header of it changes.
     */
    public static boolean contentTypeParses(String value) {
        if (value == null) {
            return true;
        }
        try {
            new ContentType(value);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    /** Whether a header field (lower-case name) is one an inner entity may carry to replace the outer one. */
    static boolean isProtectedHeader(String lowerCaseName) {
        return PROTECTED_HEADERS.contains(lowerCaseName);
    }

    static boolean isContentHeader(String headerLine) {
        return headerLine.regionMatches(true, 0, "Content-", 0, 8);
    }

    /** Latin-1, because javax.mail read the header bytes as Latin-1: raw 8-bit header bytes come back unchanged. */
    static void writeLine(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
    }
}
