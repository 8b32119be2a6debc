package org.smimegateway.matchers;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/** Reads the engine's flag attributes: a Boolean, or a String "true" as James's SetMailAttribute writes it. */
final class AttributeFlags {
    private AttributeFlags() {
    }

    static boolean isTrue(Mail mail, String name) {
        return value(mail, name)
            .map(value -> value instanceof Boolean flag ? flag : "true".equalsIgnoreCase(String.valueOf(value).trim()))
            .orElse(false);
    }

    private static Optional<Object> value(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(Attribute::getValue).map(v -> v.value());
    }
}
