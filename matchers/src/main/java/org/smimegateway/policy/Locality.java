package org.smimegateway.policy;

/** Whether an address belongs to the organisation behind the gateway. */
public enum Locality {
    /** Served by this gateway: mail to it is decrypted and verified, mail from it may be signed and encrypted. */
    INTERNAL,
    /** Anyone else. */
    EXTERNAL;

    public static Locality parse(String value) {
        return Names.parse(Locality.class, value);
    }

    @Override
    public String toString() {
        return Names.display(this);
    }
}
