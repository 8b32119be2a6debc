package org.smimegateway.admin;

import java.util.Objects;

/**
 * The CA service refused an act, for a reason the operator can fix (no CA yet, a serial we never issued, several
 * certificates without confirmation...). Nothing was changed. The command line prints the message; WebAdmin answers
 * with the status that goes with the {@link Reason}.
 */
public final class CaRefusal extends IllegalStateException {

    /** Why; each maps to one answer of the WebAdmin routes. */
    public enum Reason {
        /** There is no CA yet (409). */
        NO_CA,
        /** A CA exists and would be overwritten (409). */
        CA_EXISTS,
        /** No certificate of this CA has the serial or address (404). */
        NOT_FOUND,
        /** The certificate is revoked already (409). */
        ALREADY_REVOKED,
        /** Several certificates match and the operator did not confirm (409). */
        NEEDS_CONFIRMATION
    }

    private final Reason reason;

    public CaRefusal(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
