package org.smimegateway.policy;

/** How strongly mail to a recipient must be encrypted. */
public enum EncryptMode {
    /** Never encrypt (unless the subject trigger asks for it). */
    NONE,
    /** Encrypt when a usable certificate exists, else send in plaintext. */
    ALLOW,
    /** Never send plaintext: without a usable certificate the mail is bounced or quarantined. */
    MANDATORY;

    public static EncryptMode parse(String value) {
        return Names.parse(EncryptMode.class, value);
    }

    @Override
    public String toString() {
        return Names.display(this);
    }
}
