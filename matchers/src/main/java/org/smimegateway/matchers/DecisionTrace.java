package org.smimegateway.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.policy.TraceEntry;

/**
 * Appends decisions to a mail's trace: always to the {@link SecurityAttributes#POLICY_TRACE} attribute (a list of
 * strings, so it survives James's mail repositories and spooling), and, when the policy asks, as
 * {@link SecurityAttributes#TRACE_HEADER} headers. Public so that mailets which decide about recipients themselves
 * (e.g. a certificate rejected at encrypt time) explain those decisions in the same trace.
 */
public final class DecisionTrace {
    static final AttributeName ATTRIBUTE = AttributeName.of(SecurityAttributes.POLICY_TRACE);

    private DecisionTrace() {
    }

    /** Appends {@code entries} to the attribute, and as headers when {@code header} (the policy's trace header). */
    public static void record(Mail mail, List<TraceEntry> entries, boolean header) throws MessagingException {
        if (entries.isEmpty()) {
            return;
        }
        List<AttributeValue<?>> lines = new ArrayList<>(read(mail));
        for (TraceEntry entry : entries) {
            lines.add(AttributeValue.of(entry.render()));
        }
        mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(lines)));
        MimeMessage message = mail.getMessage();
        if (header && message != null) {
            // No saveChanges(): James keeps added headers, and saving would renew the Message-ID of a plain message.
            for (TraceEntry entry : entries) {
                message.addHeader(SecurityAttributes.TRACE_HEADER, entry.render());
            }
        }
    }

    /** The trace lines so far, oldest first. */
    public static List<String> lines(Mail mail) {
        return read(mail).stream().map(value -> String.valueOf(value.value())).toList();
    }

    private static Collection<AttributeValue<?>> read(Mail mail) {
        List<AttributeValue<?>> result = new ArrayList<>();
        mail.getAttribute(ATTRIBUTE).ifPresent(attribute -> {
            if (attribute.getValue().value() instanceof Collection<?> raw) {
                for (Object item : raw) {
                    if (item instanceof AttributeValue<?> value) {
                        result.add(value);
                    }
                }
            }
        });
        return result;
    }
}
