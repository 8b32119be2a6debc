package org.smimegateway.matchers;

import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.EncryptMode;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Setting;

/**
 * Matches all recipients when the envelope sender's own encrypt mode is one of the listed modes, e.g. a user
 * whose mail must always leave encrypted: {@code SenderEncryptMode=mandatory}. Honours the subject trigger like
 * {@link RecipientEncryptMode} unless {@code trigger=false}.
 */
public class SenderEncryptMode extends SenderPolicyMatcher {
    private Set<EncryptMode> wanted;
    private boolean honourTrigger;

    @Override
    boolean acceptsMainArgument() {
        return true;
    }

    @Override
    Set<String> optionKeys() {
        return Set.of(RecipientEncryptMode.TRIGGER);
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) throws MessagingException {
        wanted = Arguments.encryptModes(condition);
        honourTrigger = condition.booleanOption(RecipientEncryptMode.TRIGGER, true);
        return Optional.empty();
    }

    @Override
    Verdict decide(Mail mail, Policy policy, MailAddress sender) throws MessagingException {
        Resolved<EncryptMode> mode = honourTrigger
            ? policy.encryptMode(sender.asString(), sender.asString(), Decisions.subject(mail))
            : policy.resolve(Setting.ENCRYPT, sender.asString());
        return new Verdict(wanted.contains(mode.value()), "encrypt=" + mode);
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose sender's encrypt mode by policy (and subject trigger) is one of the listed modes";
    }
}
