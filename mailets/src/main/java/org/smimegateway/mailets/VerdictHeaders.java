package org.smimegateway.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SecurityInfoHeaders;

/**
 * The headers that carry this gateway's verdicts: security-info headers with our prefix, and
 * {@code Authentication-Results} with our authserv-id. Outsiders must never supply them, neither on the envelope
 * (stripped at root) nor inside encrypted or opaque-signed content, whose headers surface when it is opened.
 */
final class VerdictHeaders {
    static final String AUTHENTICATION_RESULTS = "Authentication-Results";

    private VerdictHeaders() {
    }

    /** Whether an Authentication-Results value names {@code authservId} (RFC 8601: "id [version]; ..."). */
    static boolean carriesAuthservId(String value, String authservId) {
        String unfolded = value.replaceAll("\\r?\\n", "").trim();
        int end = unfolded.indexOf(';');
        String id = (end < 0 ? unfolded : unfolded.substring(0, end)).trim();
        int space = id.indexOf(' ');
        if (space > 0) {
            id = id.substring(0, space);
        }
        return id.equalsIgnoreCase(authservId);
    }

    /**
     * Removes the Authentication-Results headers carrying our authserv-id, keeping other hosts' results.
     *
     * @return whether any was removed
     */
    static boolean removeOwnAuthenticationResults(MimeMessage message, String authservId) throws MessagingException {
        String[] values = message.getHeader(AUTHENTICATION_RESULTS);
        if (values == null) {
            return false;
        }
        message.removeHeader(AUTHENTICATION_RESULTS);
        boolean removed = false;
        for (String value : values) {
            if (!carriesAuthservId(value, authservId)) {
                message.addHeader(AUTHENTICATION_RESULTS, value);
            } else {
                removed = true;
            }
        }
        return removed;
    }

    /**
     * {@code opened} (the message after decryption or unwrapping) with exactly the verdict headers the gateway itself
     * had put on {@code before}: whatever the opened content brought along is removed. When something was removed,
     * the message is rebuilt from its bytes, so that no copy of the original stream can bring it back.
     */
    static MimeMessage cleaned(MimeMessage before, MimeMessage opened, String prefix, String authservId)
        throws MessagingException, IOException {
        List<Map.Entry<String, String>> ours = new ArrayList<>();
        for (Header header : Collections.list(before.getAllHeaders())) {
            if (header.getName().regionMatches(true, 0, prefix, 0, prefix.length())) {
                ours.add(Map.entry(header.getName(), header.getValue()));
            }
        }
        boolean forged = !new SecurityInfoHeaders(prefix).removeFrom(opened).isEmpty();
        forged |= removeOwnAuthenticationResults(opened, authservId);
        for (Map.Entry<String, String> header : ours) {
            opened.addHeader(header.getKey(), header.getValue());
        }
        return forged ? MimeEntities.parse(MimeEntities.bytes(opened)) : opened;
    }
}
