package org.smimegateway.policy;

/**
 * The content-encryption algorithms the gateway offers, by validated name. The GCM variants produce CMS
 * AuthEnvelopedData (RFC 5083/5084), which older clients cannot read; the CBC variants produce EnvelopedData.
 * Legacy ciphers (3DES, RC2) are deliberately absent.
 */
public enum ContentEncryption {
    AES128_CBC("2.16.840.1.101.3.4.1.2", false),
    AES256_CBC("2.16.840.1.101.3.4.1.42", false),
    AES128_GCM("2.16.840.1.101.3.4.1.6", true),
    AES256_GCM("2.16.840.1.101.3.4.1.46", true);

    private final String oid;
    private final boolean authenticated;

    ContentEncryption(String oid, boolean authenticated) {
        this.oid = oid;
        this.authenticated = authenticated;
    }

    /** The algorithm identifier, for the CMS builders. */
    public String oid() {
        return oid;
    }

    /** True when the result is AuthEnvelopedData rather than EnvelopedData. */
    public boolean authenticated() {
        return authenticated;
    }

    public static ContentEncryption parse(String value) {
        return Names.parse(ContentEncryption.class, value);
    }
}
