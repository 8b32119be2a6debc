package org.smimegateway.mailets;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smimegateway.audit.AuditLog;

/**
 * Writes one audit line for a decision James's own mailets carry out, such as the quarantine of mail that policy
 * demands be encrypted when no certificate is known (a matcher decides, {@code ToRepository} keeps it): the event
 * and reason are the operator's, the mail's name, Message-ID, sender, recipients and processor come from the mail.
 * The mail itself is not changed and goes on.
 */
public class AuditMail extends GenericMailet {
    static final String EVENT = "event";
    static final String REASON = "reason";
    private static final Pattern EVENT_NAME = Pattern.compile("mail\\.[a-z][a-z0-9_]*");

    private String event;
    private Optional<String> reason;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(EVENT, REASON));
        Parameters parameters = new Parameters(getMailetConfig());
        event = parameters.optional(EVENT).orElseThrow(() -> new MessagingException(
            "Init parameter '" + EVENT + "' is required: the audit event, e.g. mail.quarantined"));
        if (!EVENT_NAME.matcher(event).matches()) {
            throw new MessagingException("Init parameter '" + EVENT + "': '" + event
                + "' is not an event name of the form mail.<word> (lower case, digits, '_')");
        }
        reason = parameters.optional(REASON);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        AuditLog.Event line = MailAudit.event(event, getMailetConfig().getMailetName(), mail)
            .with("processor", mail.getState());
        reason.ifPresent(r -> line.with("reason", r));
        line.log();
    }

    @Override
    public String getMailetInfo() {
        return "Writes one audit line for a decision James's own mailets carry out";
    }
}
