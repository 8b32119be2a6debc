package org.smimegateway.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the operator-facing names of the policy enums: case-insensitive, with the accepted values in the error. */
final class Names {
    private Names() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        String wanted = value == null ? "" : value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + wanted + "' is not one of " + accepted(type));
    }

    static <E extends Enum<E>> String accepted(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String display(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
