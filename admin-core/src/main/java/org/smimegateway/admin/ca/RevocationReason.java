package org.smimegateway.admin.ca;

/**
 * The RFC 5280 reason codes (CRLReason, section 5.3.1) an operator may give; {@code UNSPECIFIED} is the default.
 * The codes are written out rather than taken from Bouncy Castle's constants: javac inlines those but keeps a
 * reference to the class, which the drop-in jar's relocation leaves unrelocated (DropInJarIT).
 */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
