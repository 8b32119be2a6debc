package org.smimegateway.smime;

import java.util.Locale;

/**
 * The result values of the RFC 7281 {@code smime} authentication method (the DKIM meanings of RFC 8601 section 2.7.1),
 * ordered from the most to the least severe, so that a message with several signatures shows its worst one.
 * {@link #NONE} (not signed) comes last: it is never the outcome of a signature.
 */
public enum SmimeResult {
    /** Signed and acceptable, but the signature does not match the content: the message was altered. */
    FAIL,
    /** Cannot be verified now or ever: a required part (From, signer, certificate) is missing or unsupported. */
    PERMERROR,
    /** Signed, but the signature could not be processed (syntax errors, unreadable data). */
    NEUTRAL,
    /** Verified, but some aspect is not acceptable: untrusted, expired, revoked, not the author's, partial. */
    POLICY,
    /** Verified, but a check failed for a reason that may go away (revocation status not available now). */
    TEMPERROR,
    /** Verified over the whole message, trusted, and made by every author the message shows. */
    PASS,
    /** Not signed. */
    NONE;

    /** The token in {@code Authentication-Results}, e.g. {@code permerror}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of the two. */
    public SmimeResult worse(SmimeResult other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
