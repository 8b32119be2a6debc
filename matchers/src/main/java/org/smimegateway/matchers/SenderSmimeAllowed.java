package org.smimegateway.matchers;

import java.util.Optional;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Setting;

/**
 * Matches all recipients when S/MIME is allowed for the envelope sender ({@code SenderSmimeAllowed}) or, with
 * {@code false}, not allowed ({@code SenderSmimeAllowed=false;policy=...}).
 */
public class SenderSmimeAllowed extends SenderPolicyMatcher {
    private boolean wanted;

    @Override
    boolean acceptsMainArgument() {
        return true;
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) throws MessagingException {
        wanted = Arguments.flag(condition, true);
        return Optional.empty();
    }

    @Override
    Verdict decide(Mail mail, Policy policy, MailAddress sender) {
        Resolved<Boolean> allowed = policy.resolve(Setting.SMIME, sender.asString());
        return new Verdict(allowed.value() == wanted, "smime=" + allowed);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose sender is one for whom S/MIME is (or is not) allowed by policy";
    }
}
