package org.smimegateway.webadmin;

import java.util.function.Supplier;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.smimegateway.admin.certificates.AdminProblem;

import spark.HaltException;

/**
 * Maps the admin core's refusals to James's own error bodies ({@code statusCode}, {@code type}, {@code message}):
 * bad input 400, unknown item 404, conflict 409. A file that cannot be loaded (keystore, policy) is 500 with a message
 * naming it; nothing else is caught here, so a bug still shows as James's generic 500.
 */
final class Problems {
    private Problems() {
    }

    static Object answer(Supplier<Object> work) {
        try {
            return work.get();
        } catch (AdminProblem problem) {
            throw switch (problem.kind()) {
                case BAD_INPUT -> RouteAnswers.badRequest(problem.getMessage());
                case NOT_FOUND -> RouteAnswers.notFound(problem.getMessage());
                case CONFLICT -> RouteAnswers.conflict(problem.getMessage());
            };
        }
    }

    /** The shared keystore or policy; when it cannot be loaded, a 500 that says which file and why. */
    static <T> T loading(String what, Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw serverError("the gateway's " + what + " cannot be loaded: " + e.getMessage());
        }
    }

    static HaltException serverError(String message) {
        return RouteAnswers.error(500, ErrorResponder.ErrorType.SERVER_ERROR, message);
    }
}
