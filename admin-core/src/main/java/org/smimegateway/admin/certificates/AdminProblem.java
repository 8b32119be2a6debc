package org.smimegateway.admin.certificates;

import java.util.Objects;

/**
 * An operator request the admin core refuses, with the kind a front end maps to its own answer (WebAdmin: 400, 404,
 * 409; CLI: a usage error). The message is for the operator and names what is wrong.
 */
public final class AdminProblem extends RuntimeException {

    /** Why the request was refused. */
    public enum Kind {
        /** The input is not what was asked for (unreadable certificate, wrong type, missing parameter). */
        BAD_INPUT,
        /** The named item does not exist. */
        NOT_FOUND,
        /** The request is sound but conflicts with what is there (an older CRL, a kept private key). */
        CONFLICT
    }

    private final Kind kind;

    private AdminProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static AdminProblem badInput(String message) {
        return new AdminProblem(Kind.BAD_INPUT, message, null);
    }

    public static AdminProblem badInput(String message, Throwable cause) {
        return new AdminProblem(Kind.BAD_INPUT, message, cause);
    }

    public static AdminProblem notFound(String message) {
        return new AdminProblem(Kind.NOT_FOUND, message, null);
    }

    public static AdminProblem conflict(String message) {
        return new AdminProblem(Kind.CONFLICT, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
