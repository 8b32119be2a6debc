package org.smimegateway.smime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.security.auth.x500.X500Principal;

/**
 * Renders an inspection as security-info headers: for every layer LEVEL (0 = outermost) and item INDEX,
 * {@code <prefix>Signer-ID-INDEX-LEVEL}, {@code Signer-Email}, {@code Signer-Verified}, {@code Signer-Trusted},
 * {@code Signer-Trusted-Info}, {@code Encryption-Algorithm-LEVEL}, {@code Encryption-Recipient-INDEX-LEVEL}, and an
 * RFC 7281 {@code Authentication-Results} value with method {@code smime}.
 */
public final class SecurityInfoHeaders {
    public static final String DEFAULT_PREFIX = "X-Smime-";
    private static final String COVERS_CIPHERTEXT = "signature covers only the encrypted content inside it";

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

    /** As {@link #render(InspectionResult)}, with levels shifted by layers already removed (e.g. decrypted). */
    public List<Map.Entry<String, String>> render(InspectionResult result, int levelOffset) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (SecurityLayer layer : result.layers()) {
            int level = layer.level() + levelOffset;
            if (layer instanceof SecurityLayer.Encrypted encrypted) {
                headers.add(Map.entry(prefix + "Encryption-Algorithm-" + level, encrypted.algorithm()));
                for (int i = 0; i < encrypted.recipients().size(); i++) {
                    headers.add(Map.entry(prefix + "Encryption-Recipient-" + i + "-" + level, encrypted.recipients().get(i)));
                }
                if (!encrypted.decrypted()) {
                    headers.add(Map.entry(prefix + "Decryption-Failed-" + level, encrypted.outcome().reason()));
                }
            } else if (layer instanceof SecurityLayer.Signed signed) {
                addSigned(headers, signed, level, result.coversPlaintext(signed));
            }
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
            headers.add(Map.entry(prefix + "Signer-Verified-0-" + level, "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted-0-" + level, "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted-Info-0-" + level, signed.problem().orElse("no signer")));
            return;
        }
        for (SignerReport signer : signed.signers()) {
            String suffix = "-" + signer.index() + "-" + level;
            boolean verified = signer.verified() && signed.problem().isEmpty();
            boolean trusted = verified && signer.trusted() && coversPlaintext;
            headers.add(Map.entry(prefix + "Signer-ID" + suffix, signer.signerId()));
            if (!signer.emails().isEmpty()) {
                headers.add(Map.entry(prefix + "Signer-Email" + suffix, String.join(", ", signer.emails())));
            }
            headers.add(Map.entry(prefix + "Signer-Verified" + suffix, verified ? "True" : "False"));
            headers.add(Map.entry(prefix + "Signer-Trusted" + suffix, trusted ? "True" : "False"));
            String info = signed.problem().orElse(signer.trustInfo());
            if (verified && !coversPlaintext) {
                info = COVERS_CIPHERTEXT + (signer.trusted() ? "" : "; " + info);
            }
            headers.add(Map.entry(prefix + "Signer-Trusted-Info" + suffix, info));
        }
    }

    /**
     * The RFC 7281 result: {@code pass} when every signature verified and is trusted for From, {@code fail} when a
     * signature did not verify, {@code policy} when it verified but is not trusted or not From's, {@code none}
     * when unsigned.
     */
    public static String authenticationResults(String authservId, InspectionResult result) {
        if (!result.signed()) {
            return authservId + "; smime=none";
        }
        boolean onlyCiphertextSigned = result.coveringSignatureLayers().isEmpty()
            && result.signatureLayers().stream().allMatch(SecurityLayer.Signed::verified);
        if (onlyCiphertextSigned) {
            return authservId + "; smime=policy (" + COVERS_CIPHERTEXT + ")";
        }
        String verdict = result.trusted() ? "pass" : result.verified() ? "policy" : "fail";
        StringBuilder value = new StringBuilder(authservId).append("; smime=").append(verdict);
        List<SecurityLayer.Signed> covering = result.coveringSignatureLayers();
        // RFC 7281 properties of the first signer of the plaintext: its e-mail address and certificate.
        covering.stream().flatMap(layer -> layer.signers().stream()).findFirst().ifPresent(signer -> {
            signer.emails().stream().findFirst().ifPresent(email -> value.append(" body.smime-identifier=").append(email));
            signer.certificate().ifPresent(certificate -> value
                .append(" body.smime-serial=").append(certificate.getSerialNumber().toString(16))
                .append(" body.smime-issuer=").append(quoted(certificate.getIssuerX500Principal().getName(X500Principal.RFC2253))));
        });
        if (!verdict.equals("pass")) {
            covering.stream().filter(layer -> !layer.trusted()).findFirst()
                .map(SecurityInfoHeaders::reason)
                .ifPresent(reason -> value.append(" (").append(reason.replace('(', '[').replace(')', ']')).append(')'));
        }
        // Certificate names and reasons come from the message: a line break in them must not start a header of its own.
        return value.toString().replaceAll("[\\r\\n]+", " ");
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String reason(SecurityLayer.Signed layer) {
        return layer.problem().orElseGet(() -> layer.signers().stream().filter(signer -> !signer.trusted())
            .findFirst().map(SignerReport::trustInfo).orElse("not trusted"));
    }
}
