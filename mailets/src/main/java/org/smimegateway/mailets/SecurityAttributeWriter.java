package org.smimegateway.mailets;

import java.util.Map;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/** Puts the engine's findings on a mail: info headers on the message, flags as attributes for the matchers. */
final class SecurityAttributeWriter {
    private SecurityAttributeWriter() {
    }

    static void flag(Mail mail, String name, boolean value) {
        mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value)));
    }

    static void text(Mail mail, String name, String value) {
        mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value)));
    }

    static int number(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name))
            .map(Attribute::getValue).map(AttributeValue::value)
            .filter(Integer.class::isInstance).map(Integer.class::cast).orElse(0);
    }

    static void number(Mail mail, String name, int value) {
        mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value)));
    }

    static void headers(MimeMessage message, Iterable<Map.Entry<String, String>> headers) throws MessagingException {
        for (Map.Entry<String, String> header : headers) {
            // Values come from certificates: keep them on one line.
            message.addHeader(header.getKey(), header.getValue().replaceAll("[\\r\\n]+", " "));
        }
    }
}
