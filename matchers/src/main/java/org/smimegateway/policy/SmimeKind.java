package org.smimegateway.policy;

/** What the outermost MIME layer of a message is, as far as S/MIME goes. */
public enum SmimeKind {
    NONE,
    /** {@code multipart/signed} with a PKCS#7 signature protocol (clear-signed). */
    MULTIPART_SIGNED,
    /** {@code application/pkcs7-mime} signed-data (opaque-signed). */
    OPAQUE_SIGNED,
    /** {@code application/pkcs7-mime} enveloped-data. */
    ENVELOPED,
    /** {@code application/pkcs7-mime} authEnveloped-data (RFC 5083). */
    AUTH_ENVELOPED,
    COMPRESSED,
    /** Signed-data without signers, carrying certificates only. */
    CERTS_ONLY,
    /** {@code application/pkcs7-mime} whose content could not be identified. */
    UNKNOWN_PKCS7;

    public boolean isSigned() {
        return this == MULTIPART_SIGNED || this == OPAQUE_SIGNED;
    }

    /** Enveloped or auth-enveloped: either way the content is encrypted. */
    public boolean isEncrypted() {
        return this == ENVELOPED || this == AUTH_ENVELOPED;
    }
}
