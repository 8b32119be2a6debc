package org.smimegateway.smime;

/**
 * How an encrypted message presents itself to the receiving client, beside the cryptography (the policy decides per
 * recipient domain).
 *
 * @param legacyContentTypes {@code application/x-pkcs7-mime} instead of {@code application/pkcs7-mime}, for clients
 *                           that know only the names of S/MIME version 2 (RFC 8551 3.2.1: receivers must accept both)
 * @param protectHeaders     RFC 9788 header protection: the message's header fields travel inside the encryption
 *                           ({@code hp="cipher"}, with {@code HP-Outer} fields recording what stayed outside), and the
 *                           outer Subject is "[...]" (the RFC's default policy, {@code hcp_baseline})
 */
public record OutgoingForm(boolean legacyContentTypes, boolean protectHeaders) {
    /** Standard content types, no header protection. */
    public static final OutgoingForm STANDARD = new OutgoingForm(false, false);
}
