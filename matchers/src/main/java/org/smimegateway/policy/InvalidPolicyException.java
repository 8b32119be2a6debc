package org.smimegateway.policy;

/** A policy file that cannot be used; the message names the file and the line or the element that is wrong. */
public final class InvalidPolicyException extends Exception {
    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
