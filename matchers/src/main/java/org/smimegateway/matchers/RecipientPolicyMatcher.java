package org.smimegateway.matchers;

import java.util.ArrayList;
import java.util.List;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;

/** A policy matcher that decides each recipient on its own, so James splits the mail between them. */
abstract class RecipientPolicyMatcher extends PolicyMatcher {

    abstract Verdict decide(Mail mail, Policy policy, MailAddress recipient) throws MessagingException;

    @Override
    final List<Decided> decide(Mail mail, Policy policy) throws MessagingException {
        List<Decided> result = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            result.add(new Decided(recipient.asString(), decide(mail, policy, recipient), List.of(recipient)));
        }
        return result;
    }
}
