package org.smimegateway.mailets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.matchers.DecisionTrace;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.SubjectTrigger;
import org.smimegateway.policy.TraceEntry;

/**
 * Takes the sender's subject trigger (e.g. {@code [encrypt]}) out of the subject before the mail leaves, when the
 * policy says to remove it. Put it after every matcher that reads the trigger: they decide, then the recipient
 * never sees it. Only the Subject header changes (and the decision trace records the removal).
 */
public class RemoveSubjectTrigger extends BoundedMailet {
    static final String POLICY = "policy";
    static final String DEFAULT_POLICY = "conf/smime-policy.xml";

    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveSubjectTrigger.class);

    private PolicySource policy;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public RemoveSubjectTrigger() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public RemoveSubjectTrigger(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(withBoundedParameters(Set.of(POLICY)));
        String location = getInitParameter(POLICY, DEFAULT_POLICY);
        try {
            policy = PolicyRegistry.shared(location);
        } catch (InvalidPolicyException e) {
            throw new MessagingException("Init parameter '" + POLICY + "': " + e.getMessage(), e);
        }
    }

    /** Only header fields are read and changed here. */
    @Override
    protected boolean readsMimeStructure() {
        return false;
    }

    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String subject = message.getSubject();
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null);
        Policy current = policy.current();
        Optional<Resolved<SubjectTrigger>> trigger = current.triggeredBy(sender, subject);
        if (trigger.isEmpty() || !trigger.get().value().removeFromSubject()) {
            LOGGER.info("Mail {} ({}): no subject trigger to remove", mail.getName(), message.getMessageID());
            return;
        }
        message.setSubject(trigger.get().value().remove(subject), StandardCharsets.UTF_8.name());
        DecisionTrace.record(mail, List.of(new TraceEntry(getClass().getSimpleName(), "message", true,
            "removed subject trigger " + trigger.get().value() + " from " + trigger.get().source())),
            current.traceHeader());
        LOGGER.info("Mail {} ({}): removed subject trigger {} ({})", mail.getName(), message.getMessageID(),
            trigger.get().value(), trigger.get().source());
        count("trigger_removed");
        MailAudit.event("mail.trigger_removed", shortName(), mail).with("trigger", trigger.get().value())
            .with("source", trigger.get().source()).log();
    }

    @Override
    public String getMailetInfo() {
        return "Removes the policy's subject trigger from the subject";
    }
}
