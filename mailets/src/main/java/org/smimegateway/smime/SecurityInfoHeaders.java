package org.smimegateway.smime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * Renders an inspection as security-info headers: for every layer LEVEL (0 = outermost) and item INDEX,
 * {@code <prefix>Signer-ID-INDEX-LEVEL}, {@code Signer-Email}, {@code Signer-Verified}, {@code Signer-Trusted},
 * {@code Signer-Trusted-Info} (a sentence), {@code Signer-Reason} (its stable code), {@code Encryption-Algorithm-LEVEL},
 * {@code Encryption-Key-Transport-LEVEL}, {@code Encryption-Recipient-INDEX-LEVEL}, {@code Decryption-Failed-LEVEL},
 * {@code Decryption-Reason-LEVEL}, {@code Display-Name-Mismatch}, and an RFC 7281 {@code Authentication-Results}
 * value with method {@code smime}.
 */
public final class SecurityInfoHeaders {
    public static final String DEFAULT_PREFIX = "X-Smime-";
    /** Header name (after the prefix) flagging a From display name that shows an address other than its own. */
    public static final String DISPLAY_NAME_MISMATCH = "Display-Name-Mismatch";
    private static final String COVERS_CIPHERTEXT = SmimeVerdict.COVERS_CIPHERTEXT;

    private final String prefix;

    public SecurityInfoHeaders(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("the security-info header prefix must not be empty");
        }
    }

    /**
     * Removes every header with this prefix from a message and returns their names. Needed after decrypting or
     * unwrapping: the headers of the inner entity become the message's own, and an outsider can put forged verdicts
     * there, beyond the reach of a strip at the door. The body is not touched.
     */
    public List<String> removeFrom(MimeMessage message) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (header.getName().regionMatches(true, 0, prefix, 0, prefix.length())) {
                names.add(header.getName());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        return names;
    }

    /** Header name and value pairs, in the order they should be added. */
    public List<Map.Entry<String, String>> render(InspectionResult result) {
        return render(result, 0);
    }

    /**
     * As {@link #render(InspectionResult)}, with levels shifted by layers already removed (e.g. decrypted). Adds
     * {@code <prefix>Display-Name-Mismatch} when a From display name shows another address, signed or not.
     */
    public List<Map.Entry<String, String>> render(InspectionResult result, int levelOffset) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (SecurityLayer layer : result.layers()) {
            int level = layer.level() + levelOffset;
            if (layer instanceof SecurityLayer.Encrypted encrypted) {
                headers.addAll(renderEncrypted(encrypted, level));
            } else if (layer instanceof SecurityLayer.Signed signed) {
                addSigned(headers, signed, level, result.coversPlaintext(signed));
            }
        }
        AuthorIdentity.of(result.message()).misleadingDisplayNames().stream().findFirst().ifPresent(mailbox ->
            headers.add(Map.entry(prefix + DISPLAY_NAME_MISMATCH,
                SmimeVerdict.displayNameMismatch(mailbox.displayName(), mailbox.address()).sentence())));
        return headers;
    }

    /**
     * The headers of one encryption layer: {@code Encryption-Algorithm-LEVEL}, {@code Encryption-Key-Transport-LEVEL}
     * (of the RecipientInfo that was opened), {@code Encryption-Recipient-INDEX-LEVEL}, and when it stayed shut
     * {@code Decryption-Failed-LEVEL} (why) and {@code Decryption-Reason-LEVEL} (its stable code).
     */
    public List<Map.Entry<String, String>> renderEncrypted(SecurityLayer.Encrypted encrypted, int level) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry(prefix + "Encryption-Algorithm-" + level, encrypted.algorithm()));
        if (encrypted.outcome() instanceof DecryptOutcome.Decrypted decrypted) {
            headers.add(Map.entry(prefix + "Encryption-Key-Transport-" + level, decrypted.keyTransport()));
        }
        for (int i = 0; i < encrypted.recipients().size(); i++) {
            headers.add(Map.entry(prefix + "Encryption-Recipient-" + i + "-" + level, encrypted.recipients().get(i)));
        }
        if (!encrypted.decrypted()) {
            headers.add(Map.entry(prefix + "Decryption-Failed-" + level, encrypted.outcome().reason()));
            headers.add(Map.entry(prefix + "Decryption-Reason-" + level, encrypted.outcome().code()));
        }
        return headers;
    }

    /**
     * The headers of signature layers that were taken off to open the envelope below them (encrypted, then signed):
     * they cover only ciphertext, so none of their signers is reported trusted.
     */
    public List<Map.Entry<String, String>> renderOverCiphertext(List<SecurityLayer.Signed> layers, int levelOffset) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (SecurityLayer.Signed signed : layers) {
            addSigned(headers, signed, signed.level() + levelOffset, false);
        }
        return headers;
    }

    private void addSigned(List<Map.Entry<String, String>> headers, SecurityLayer.Signed signed, int level,
                           boolean coversPlaintext) {
        if (signed.signers().isEmpty()) {
            SmimeVerdict verdict = signed.verdict();
            headers.add(Map.entry(prefix + "Signer-Verified-0-" + level, "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted-0-" + level, "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted-Info-0-" + level, verdict.sentence()));
            headers.add(Map.entry(prefix + "Signer-Reason-0-" + level, verdict.code()));
            return;
        }
        for (SignerReport signer : signed.signers()) {
            String suffix = "-" + signer.index() + "-" + level;
            boolean verified = signer.verified() && signed.problem().isEmpty();
            boolean trusted = verified && signer.trusted() && coversPlaintext;
            SmimeVerdict verdict = signed.problem().orElse(signer.verdict());
            String info = verdict.sentence();
            String code = verdict.code();
            if (verified && !coversPlaintext) {
                info = COVERS_CIPHERTEXT + (signer.trusted() ? "" : "; " + info);
                code = VerdictReason.COVERS_CIPHERTEXT_ONLY.code();
            }
            headers.add(Map.entry(prefix + "Signer-ID" + suffix, signer.signerId()));
            if (!signer.emails().isEmpty()) {
                headers.add(Map.entry(prefix + "Signer-Email" + suffix, String.join(", ", signer.emails())));
            }
            headers.add(Map.entry(prefix + "Signer-Verified" + suffix, verified ? "True" : "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted" + suffix, trusted ? "True" : "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted-Info" + suffix, info));
            headers.add(Map.entry(prefix + "Signer-Reason" + suffix, code));
        }
    }

    /**
     * The RFC 7281 value: {@code <authservId>; smime=<result>}, for anything but pass and none a reason (RFC 8601
     * {@code reason="<code>: <sentence>"}), and the RFC 7281 properties of the first signer of the plaintext: its
     * e-mail address, certificate serial and issuer (RFC 4514, as {@code Signer-ID}).
     */
    public static String authenticationResults(String authservId, InspectionResult result) {
        SmimeVerdict verdict = result.verdict();
        StringBuilder value = new StringBuilder(authservId).append("; smime=").append(verdict.result().token());
        if (verdict.result() == SmimeResult.NONE) {
            return value.toString();
        }
        if (verdict.result() != SmimeResult.PASS) {
            value.append(" reason=").append(quoted(verdict.code() + ": " + verdict.sentence()));
        }
        if (verdict.reason() == VerdictReason.COVERS_CIPHERTEXT_ONLY) {
            return value.toString();
        }
        result.coveringSignatureLayers().stream().flatMap(layer -> layer.signers().stream()).findFirst().ifPresent(signer -> {
            signer.emails().stream().findFirst().ifPresent(email -> value.append(" body.smime-identifier=").append(email));
            signer.certificate().ifPresent(certificate -> value
                .append(" body.smime-serial=").append(certificate.getSerialNumber().toString(16))
                .append(" body.smime-issuer=").append(quoted(DistinguishedNames.rfc4514(certificate.getIssuerX500Principal()))));
        });
        // Certificate names and reasons come from the message: a line break in them must not start a header of its own.
        return value.toString().replaceAll("[\\r\\n]+", " ");
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
