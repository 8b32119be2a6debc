package org.smimegateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.mail.MessagingException;
import javax.mail.Part;

/**
 * Recognises the S/MIME structure of a MIME part from its headers the way real clients write them: both
 * {@code application/pkcs7-mime} and {@code application/x-pkcs7-mime}, {@code smime-type} quoted or not and in any
 * case, {@code multipart/signed} with either signature protocol spelling. When {@code smime-type} is missing (old
 * clients) the first bytes of the CMS ContentInfo decide; nothing else of the body is read.
 */
public final class SmimeClassifier {
    private static final int SNIFF_BYTES = 64;
    // DER of the ContentInfo contentType OIDs (RFC 5652, RFC 5083, RFC 3274), tag and length included.
    private static final byte[] SIGNED_DATA = oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02);
    private static final byte[] ENVELOPED_DATA = oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03);
    private static final byte[] AUTH_ENVELOPED_DATA =
        oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17);
    private static final byte[] COMPRESSED_DATA = oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x09);

    private SmimeClassifier() {
    }

    public static SmimeKind classify(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return SmimeKind.NONE;
        }
        Map<String, String> parameters = new HashMap<>();
        String type = parse(header, parameters);
        if (type.equals("multipart/signed")) {
            String protocol = parameters.getOrDefault("protocol", "");
            return protocol.equals("application/pkcs7-signature") || protocol.equals("application/x-pkcs7-signature")
                ? SmimeKind.MULTIPART_SIGNED : SmimeKind.NONE;
        }
        if (!type.equals("application/pkcs7-mime") && !type.equals("application/x-pkcs7-mime")) {
            return SmimeKind.NONE;
        }
        return switch (parameters.getOrDefault("smime-type", "")) {
            case "enveloped-data" -> SmimeKind.ENVELOPED;
            case "authenveloped-data" -> SmimeKind.AUTH_ENVELOPED;
            case "signed-data" -> SmimeKind.OPAQUE_SIGNED;
            case "certs-only" -> SmimeKind.CERTS_ONLY;
            case "compressed-data" -> SmimeKind.COMPRESSED;
            default -> sniff(part);
        };
    }

    /**
     * The lower-cased media type, and the parameters lower-cased and unquoted. Lenient on purpose: clients write
     * {@code protocol=application/pkcs7-signature} unquoted, which javax.mail's strict parser refuses.
     */
    static String parse(String header, Map<String, String> parameters) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : unfold(header).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        for (String parameter : parts.subList(1, parts.size())) {
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                parameters.put(lower(parameter.substring(0, equals)), lower(parameter.substring(equals + 1)));
            }
        }
        return lower(parts.get(0));
    }

    /**
     * RFC 5322 unfolding: each line break ({@code CRLF} or a bare {@code LF}) followed by a space or tab becomes one
     * space, as {@code replaceAll("\\r?\\n[ \\t]", " ")} would. A loop, not a regex: this runs on every part the
     * inspector and the matchers look at (under Jazzer's regex hooks, a regex here was half of the inspector fuzz
     * target's time).
     */
    static String unfold(String header) {
        if (header.indexOf('\n') < 0) {
            return header;
        }
        StringBuilder unfolded = new StringBuilder(header.length());
        int i = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            int lineBreak = c == '\n' ? 1 : c == '\r' && i + 1 < header.length() && header.charAt(i + 1) == '\n' ? 2 : 0;
            if (lineBreak > 0 && i + lineBreak < header.length() && isBlank(header.charAt(i + lineBreak))) {
                unfolded.append(' ');
                i += lineBreak + 1;
            } else {
                unfolded.append(c);
                i++;
            }
        }
        return unfolded.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Identifies the ContentInfo by its first bytes (DER or BER with indefinite length). */
    public static SmimeKind sniff(Part part) throws MessagingException {
        byte[] head;
        try (InputStream in = part.getInputStream()) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException | MessagingException e) {
            // An unknown Content-Transfer-Encoding or a broken body: S/MIME by its type, of no known kind.
            return SmimeKind.UNKNOWN_PKCS7;
        }
        if (head.length < 2 || (head[0] & 0xFF) != 0x30) {
            return SmimeKind.UNKNOWN_PKCS7;
        }
        int lengthByte = head[1] & 0xFF;
        int offset = 2 + (lengthByte > 0x80 ? lengthByte & 0x7F : 0);
        if (startsWith(head, offset, SIGNED_DATA)) {
            return SmimeKind.OPAQUE_SIGNED;
        }
        if (startsWith(head, offset, ENVELOPED_DATA)) {
            return SmimeKind.ENVELOPED;
        }
        if (startsWith(head, offset, AUTH_ENVELOPED_DATA)) {
            return SmimeKind.AUTH_ENVELOPED;
        }
        if (startsWith(head, offset, COMPRESSED_DATA)) {
            return SmimeKind.COMPRESSED;
        }
        return SmimeKind.UNKNOWN_PKCS7;
    }

    private static String lower(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
            && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] oid(int... content) {
        byte[] encoded = new byte[content.length + 2];
        encoded[0] = 0x06;
        encoded[1] = (byte) content.length;
        for (int i = 0; i < content.length; i++) {
            encoded[i + 2] = (byte) content[i];
        }
        return encoded;
    }
}
