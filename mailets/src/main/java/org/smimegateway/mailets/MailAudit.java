package org.smimegateway.mailets;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.audit.AuditLog;

/**
 * The audit line of a security decision about one mail: the event, the deciding mailet as actor, and who the mail is
 * from and for. Envelope data and decision facts only: never a subject, a body, a key or a password.
 */
final class MailAudit {
    private MailAudit() {
    }

    /** Longer Message-IDs are cut: the header is the sender's to choose, the audit line is ours to bound. */
    static final int MESSAGE_ID_LIMIT = 250;

    /**
     * Starts {@code what} (e.g. {@code mail.signed}) for {@code mail} with its name, Message-ID (when the message can
     * be read; the console's Logs view finds a mail's decisions by it), sender and recipients.
     */
    static AuditLog.Event event(String what, String mailet, Mail mail) {
        return event(what, mailet, mail, mail.getRecipients());
    }

    /** As {@link #event(String, String, Mail)}, for the recipients the decision is about. */
    static AuditLog.Event event(String what, String mailet, Mail mail, Collection<MailAddress> recipients) {
        AuditLog.Event event = AuditLog.event(what, mailet).with("mail", mail.getName());
        messageId(mail).ifPresent(id -> event.with("messageId", id));
        return event
            .with("sender", mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("<>"))
            .with("recipients", addresses(recipients));
    }

    /** The Message-ID header, if there is one and the message can be read; never the subject or the body. */
    static Optional<String> messageId(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            String id = message == null ? null : message.getHeader("Message-ID", null);
            if (id == null || id.isBlank()) {
                return Optional.empty();
            }
            id = id.strip();
            return Optional.of(id.length() > MESSAGE_ID_LIMIT ? id.substring(0, MESSAGE_ID_LIMIT) : id);
        } catch (MessagingException | RuntimeException e) {
            // A mail too broken to read its headers is still audited, by name and envelope.
            return Optional.empty();
        }
    }

    static String addresses(Collection<MailAddress> recipients) {
        return recipients.stream().map(MailAddress::asString).collect(Collectors.joining(","));
    }
}
