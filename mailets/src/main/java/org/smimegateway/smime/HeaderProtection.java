package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * RFC 9788 header protection for encrypted mail, with the RFC's default header confidentiality policy
 * ({@code hcp_baseline}): the cryptographic payload carries the message's header fields (those a protected entity
 * may bring back, see {@link MimeEntities#isProtectedHeader}), {@code HP-Outer} fields naming what the outer header
 * section shows, and {@code hp="cipher"} on its Content-Type; outside, the Subject becomes "[...]" and Comments and
 * Keywords go. Transport fields (Received, Return-Path, DKIM-Signature, ...) are never copied inside, Bcc never.
 */
final class HeaderProtection {
    static final String OBSCURED_SUBJECT = "[...]";
    private static final Pattern HP_PARAMETER = Pattern.compile("(?i);\\s*hp\\s*=\\s*(\"[^\"]*\"|[^;\\s]*)");

    private HeaderProtection() {
    }

    /** Writes the content entity of {@code message} as a cryptographic payload with a protected header section. */
    static void writeProtectedEntity(MimeMessage message, OutputStream out) throws MessagingException, IOException {
        MimeMessage source = MimeEntities.parsedForm(message);
        List<String> outer = new ArrayList<>();
        List<String> content = new ArrayList<>();
        for (String line : Collections.list(source.getAllHeaderLines())) {
            String name = MimeEntities.name(line);
            if (MimeEntities.isContentHeader(line)) {
                content.add(name.equals("content-type") ? withHpCipher(line) : line);
            } else if (MimeEntities.isProtectedHeader(name)) {
                MimeEntities.writeLine(out, line);
                outerValue(name, line).ifPresent(outer::add);
            }
        }
        for (String line : outer) {
            MimeEntities.writeLine(out, "HP-Outer: " + line);
        }
        if (content.stream().noneMatch(line -> MimeEntities.name(line).equals("content-type"))) {
            content.add(withHpCipher(MimeEntities.DEFAULT_CONTENT_TYPE));
        }
        for (String line : content) {
            MimeEntities.writeLine(out, line);
        }
        out.write('\r');
        out.write('\n');
        try (InputStream body = source.getRawInputStream()) {
            body.transferTo(out);
        }
    }

    /** Applies the outer side of {@code hcp_baseline} to the finished encrypted message. */
    static void obscureOuter(MimeMessage encrypted) throws MessagingException {
        if (encrypted.getHeader("Subject") != null) {
            encrypted.setHeader("Subject", OBSCURED_SUBJECT);
        }
        encrypted.removeHeader("Comments");
        encrypted.removeHeader("Keywords");
    }

    /**
     * After decryption: a payload protected for encryption ({@code hp="cipher"}) is no longer a cryptographic payload
     * once the gateway delivers it in clear, so its {@code hp} parameter and the {@code HP-Outer} fields (what the
     * outside showed in transit) are taken off; the protected header fields themselves have already replaced the
     * outer ones. Anything else ({@code hp="clear"} of a signed-only payload, no parameter) is left as it is.
     */
    static void unwrapDecrypted(MimeMessage decrypted) throws MessagingException {
        String[] types = decrypted.getHeader("Content-Type");
        if (types == null || types.length != 1) {
            return;
        }
        Matcher hp = HP_PARAMETER.matcher(types[0]);
        if (!hp.find() || !hp.group(1).replace("\"", "").trim().equalsIgnoreCase("cipher")) {
            return;
        }
        String withoutHp = HP_PARAMETER.matcher(types[0]).replaceAll("").stripTrailing();
        decrypted.setHeader("Content-Type", withoutHp.endsWith(";")
            ? withoutHp.substring(0, withoutHp.length() - 1) : withoutHp);
        decrypted.removeHeader("HP-Outer");
    }

    /** The header line as the outer section will show it ({@code hcp_baseline}), or empty when it will not. */
    private static Optional<String> outerValue(String name, String line) {
        return switch (name) {
            case "subject" -> Optional.of("Subject: " + OBSCURED_SUBJECT);
            case "comments", "keywords" -> Optional.empty();
            default -> Optional.of(line);
        };
    }

    private static String withHpCipher(String contentTypeLine) {
        // An entity a client already protected keeps its structure; only the hp value is ours to set.
        String trimmed = HP_PARAMETER.matcher(contentTypeLine).replaceAll("").stripTrailing();
        if (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + "; hp=\"cipher\"";
    }
}
