package org.smimegateway.policy;

/** How the content-encryption key is wrapped for an RSA recipient certificate. */
public enum KeyTransport {
    /** RSAES-PKCS1-v1_5: what every S/MIME client can decrypt (RFC 8551 MUST). */
    RSA_PKCS1,
    /** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055): preferred where recipients support it. */
    RSA_OAEP_SHA256;

    public static KeyTransport parse(String value) {
        return Names.parse(KeyTransport.class, value);
    }
}
