package org.smimegateway.matchers;

import java.util.Optional;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Locality;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;

/**
 * Matches all recipients when the envelope sender's locality (policy file, else James's local domains) is the one in
 * the condition:
 * {@code SenderLocality=internal;policy=conf/smime-policy.xml}.
 */
public class SenderLocality extends SenderPolicyMatcher {
    private Locality wanted;

    @Override
    boolean acceptsMainArgument() {
        return true;
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) throws MessagingException {
        wanted = Arguments.locality(condition);
        return Optional.empty();
    }

    @Override
    Verdict decide(Mail mail, Policy policy, MailAddress sender) {
        Resolved<Locality> locality = policy.locality(sender.asString(), localDomains());
        return new Verdict(locality.value() == wanted, "locality=" + locality);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose sender's locality by policy is internal or external";
    }
}
