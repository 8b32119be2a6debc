package org.smimegateway.matchers;

import java.util.Optional;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Setting;

/**
 * Matches the recipients for whom S/MIME is allowed ({@code RecipientSmimeAllowed}) or, with {@code false}, not
 * allowed ({@code RecipientSmimeAllowed=false;policy=...}).
 */
public class RecipientSmimeAllowed extends RecipientPolicyMatcher {
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
    Verdict decide(Mail mail, Policy policy, MailAddress recipient) {
        Resolved<Boolean> allowed = policy.resolve(Setting.SMIME, recipient.asString());
        return new Verdict(allowed.value() == wanted, "smime=" + allowed);
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients for whom S/MIME is (or is not) allowed by policy";
    }
}
