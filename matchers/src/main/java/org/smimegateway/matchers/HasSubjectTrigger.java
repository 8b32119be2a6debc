package org.smimegateway.matchers;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.Resolved;
import org.smimegateway.policy.Rule;
import org.smimegateway.policy.Setting;
import org.smimegateway.policy.SubjectTrigger;

/**
 * Matches all recipients when the subject carries the trigger: the sender's trigger from the policy file
 * ({@code HasSubjectTrigger=policy=conf/smime-policy.xml}), or a fixed one
 * ({@code HasSubjectTrigger=caseSensitive=false;pattern=\[secure\]}, {@code pattern} last because it takes the rest
 * of the condition). Mail without an envelope sender uses the global trigger.
 */
public class HasSubjectTrigger extends PolicyMatcher {
    static final String CASE_SENSITIVE = "caseSensitive";

    @Override
    boolean acceptsMainArgument() {
        return false;
    }

    @Override
    Set<String> optionKeys() {
        return Set.of(MatcherCondition.PATTERN, CASE_SENSITIVE);
    }

    @Override
    Optional<Policy> configure(MatcherCondition condition) throws MessagingException {
        boolean caseSensitive = condition.booleanOption(CASE_SENSITIVE, false);
        Optional<String> pattern = condition.option(MatcherCondition.PATTERN);
        if (pattern.isEmpty()) {
            if (condition.option(CASE_SENSITIVE).isPresent()) {
                throw condition.invalid("option '" + CASE_SENSITIVE + "'", "needs a pattern; the policy file's "
                    + "trigger has its own caseSensitive attribute");
            }
            return Optional.empty();
        }
        try {
            SubjectTrigger trigger = SubjectTrigger.of(pattern.get(), caseSensitive, true);
            Rule global = Rule.builder().set(Setting.SUBJECT_TRIGGER, trigger).build();
            return Optional.of(Policy.builder().global(global).build());
        } catch (IllegalArgumentException e) {
            throw condition.invalid("option '" + MatcherCondition.PATTERN + "'", e.getMessage());
        }
    }

    @Override
    List<Decided> decide(Mail mail, Policy policy) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        String address = sender.map(MailAddress::asString).orElse("");
        Resolved<SubjectTrigger> trigger = policy.resolve(Setting.SUBJECT_TRIGGER, address);
        Optional<String> found = trigger.value().firstMatch(Decisions.subject(mail));
        Verdict verdict = found
            .map(text -> Verdict.matched("subject contains '" + text + "' for trigger " + trigger))
            .orElseGet(() -> Verdict.notMatched("subject lacks trigger " + trigger));
        return List.of(new Decided("message", verdict, mail.getRecipients()));
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose subject carries the encryption trigger";
    }
}
