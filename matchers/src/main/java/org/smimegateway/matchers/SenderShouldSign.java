package org.smimegateway.matchers;

import java.util.Optional;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Setting;
import org.smimegateway.policy.SignMode;
import org.smimegateway.policy.SubjectTrigger;

/**
 * Matches all recipients when the sender's mail is to be signed: sign mode {@code always}, or {@code trigger} and
 * the subject carries the sender's trigger; never when S/MIME is not allowed for the sender.
 * {@code SenderShouldSign=policy=conf/smime-policy.xml}.
 */
public class SenderShouldSign extends SenderPolicyMatcher {

    @Override
    boolean acceptsMainArgument() {
        return false;
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) {
        return Optional.empty();
    }

    @Override
    Verdict decide(Mail mail, Policy policy, MailAddress sender) throws MessagingException {
        String address = sender.asString();
        Resolved<Boolean> smime = policy.resolve(Setting.SMIME, address);
        if (!smime.value()) {
            return Verdict.notMatched("smime=" + smime);
        }
        Resolved<SignMode> mode = policy.resolve(Setting.SIGN, address);
        return switch (mode.value()) {
            case ALWAYS -> Verdict.matched("sign=" + mode);
            case NEVER -> Verdict.notMatched("sign=" + mode);
            case TRIGGER -> {
                Optional<Resolved<SubjectTrigger>> trigger = policy.triggeredBy(address, Decisions.subject(mail));
                yield trigger.map(t -> Verdict.matched("sign=" + mode + ", subject carries trigger " + t))
                    .orElseGet(() -> Verdict.notMatched("sign=" + mode + ", subject lacks the trigger"));
            }
        };
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose sender's sign mode (always, or trigger with the subject trigger) asks for a signature";
    }
}
