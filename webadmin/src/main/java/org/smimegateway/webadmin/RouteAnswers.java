package org.smimegateway.webadmin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonExtractException;
import org.apache.james.webadmin.utils.JsonExtractor;

import spark.HaltException;
import spark.Request;

/** Error answers shaped like James's own (ErrorResponder), and JSON request bodies read strictly. */
final class RouteAnswers {
    static final String JSON = "application/json";

    @SuppressWarnings("rawtypes")
    private static final JsonExtractor<Map> BODY = new JsonExtractor<>(Map.class);

    private RouteAnswers() {
    }

    static HaltException badRequest(String message) {
        return error(400, ErrorResponder.ErrorType.INVALID_ARGUMENT, message);
    }

    static HaltException notFound(String message) {
        return error(404, ErrorResponder.ErrorType.NOT_FOUND, message);
    }

    static HaltException conflict(String message) {
        return error(409, ErrorResponder.ErrorType.WRONG_STATE, message);
    }

    static HaltException unavailable(String message) {
        return error(503, ErrorResponder.ErrorType.SERVER_ERROR, message);
    }

    static HaltException error(int status, ErrorResponder.ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }

    /** The JSON object of the body ({} when empty); keys outside {@code accepted} are refused by name. */
    static Map<String, Object> body(Request request, Collection<String> accepted) {
        String text = request.body();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = BODY.parse(text);
            body.putAll(parsed);
        } catch (JsonExtractException | RuntimeException e) {
            throw badRequest("the body is not a JSON object: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw badRequest("unknown field(s) " + unknown + "; accepted: " + accepted);
        }
        return body;
    }

    static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw badRequest("'" + key + "' must be a string");
        }
        return text.isBlank() ? null : text.trim();
    }

    static boolean flag(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw badRequest("'" + key + "' must be true or false");
        }
        return flag;
    }

    static Integer number(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer number)) {
            throw badRequest("'" + key + "' must be a whole number");
        }
        return number;
    }

    static <E extends Enum<E>> E choice(Map<String, Object> body, String key, Class<E> type, E defaultValue) {
        String value = text(body, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            Set<String> accepted = new TreeSet<>();
            for (E constant : type.getEnumConstants()) {
                accepted.add(constant.name().toLowerCase(java.util.Locale.ROOT));
            }
            throw badRequest("'" + key + "' = '" + value + "'; accepted: " + accepted);
        }
    }
}
