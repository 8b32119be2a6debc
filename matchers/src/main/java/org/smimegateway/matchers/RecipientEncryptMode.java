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
 * Matches the recipients whose encrypt mode is one of the listed modes:
 * {@code RecipientEncryptMode=mandatory;policy=conf/smime-policy.xml}. Unless {@code trigger=false}, a subject
 * carrying the sender's trigger raises every recipient to {@code mandatory} for this message.
 */
public class RecipientEncryptMode extends RecipientPolicyMatcher {
    static final String TRIGGER = "trigger";

    private Set<EncryptMode> wanted;
    private boolean honourTrigger;

    @Override
    boolean acceptsMainArgument() {
        return true;
    }

    @Override
    Set<String> optionKeys() {
        return Set.of(TRIGGER);
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) throws MessagingException {
        wanted = Arguments.encryptModes(condition);
        honourTrigger = condition.booleanOption(TRIGGER, true);
        return Optional.empty();
    }

    @Override
    Verdict decide(Mail mail, Policy policy, MailAddress recipient) throws MessagingException {
        Resolved<EncryptMode> mode = honourTrigger
            ? policy.encryptMode(recipient.asString(), mail.getMaybeSender().asString(""), Decisions.subject(mail))
            : policy.resolve(Setting.ENCRYPT, recipient.asString());
        return new Verdict(wanted.contains(mode.value()), "encrypt=" + mode);
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients whose encrypt mode by policy (and subject trigger) is one of the listed modes";
    }
}
