package org.smimegateway.policy;

/** When mail from a sender is signed. */
public enum SignMode {
    ALWAYS,
    NEVER,
    /** Only when the subject trigger matches. */
    TRIGGER;

    public static SignMode parse(String value) {
        return Names.parse(SignMode.class, value);
    }

    @Override
    public String toString() {
        return Names.display(this);
    }
}
