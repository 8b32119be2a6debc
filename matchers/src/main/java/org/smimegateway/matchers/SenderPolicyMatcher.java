package org.smimegateway.matchers;

import java.util.List;
import java.util.Optional;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;

/** A policy matcher that decides about the envelope sender and matches all recipients or none. */
abstract class SenderPolicyMatcher extends PolicyMatcher {

    abstract Verdict decide(Mail mail, Policy policy, MailAddress sender) throws MessagingException;

    @Override
    final List<Decided> decide(Mail mail, Policy policy) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty()) {
            return List.of(new Decided("<>", Verdict.notMatched("no envelope sender (bounce)"), List.of()));
        }
        return List.of(new Decided(sender.get().asString(), decide(mail, policy, sender.get()), mail.getRecipients()));
    }
}
