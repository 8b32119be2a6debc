package org.smimegateway.mailets;

import java.util.Collection;
import java.util.stream.Collectors;

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

    /** Starts {@code what} (e.g. {@code mail.signed}) for {@code mail} with its name, sender and recipients. */
    static AuditLog.Event event(String what, String mailet, Mail mail) {
        return event(what, mailet, mail, mail.getRecipients());
    }

    /** As {@link #event(String, String, Mail)}, for the recipients the decision is about. */
    static AuditLog.Event event(String what, String mailet, Mail mail, Collection<MailAddress> recipients) {
        return AuditLog.event(what, mailet)
            .with("mail", mail.getName())
            .with("sender", mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("<>"))
            .with("recipients", addresses(recipients));
    }

    static String addresses(Collection<MailAddress> recipients) {
        return recipients.stream().map(MailAddress::asString).collect(Collectors.joining(","));
    }
}
