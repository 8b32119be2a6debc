package org.smimegateway.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.TraceEntry;

/**
 * The common shape of the policy matchers: parse the condition once, share the reloading policy file through
 * {@link PolicyRegistry}, ask the current policy per mail, and report every decision. Extends
 * {@link GenericMatcher} rather than {@code GenericRecipientMatcher} because a decision needs the whole mail (sender,
 * subject, trace).
 */
abstract class PolicyMatcher extends GenericMatcher {
    static final String POLICY = "policy";
    static final String DEFAULT_POLICY = "conf/smime-policy.xml";

    private Supplier<Policy> policy;
    private String decider;

    @Override
    public final void init() throws MessagingException {
        Set<String> keys = new HashSet<>(optionKeys());
        keys.add(POLICY);
        MatcherCondition condition =
            MatcherCondition.parse(getMatcherName(), getCondition(), acceptsMainArgument(), keys);
        // The simple name: James is given our matchers by full class name, which would drown the trace.
        decider = getClass().getSimpleName()
            + (getCondition() == null || getCondition().isBlank() ? "" : "=" + getCondition().trim());
        Optional<Policy> fixed = configure(condition);
        if (fixed.isPresent()) {
            if (condition.option(POLICY).isPresent()) {
                throw condition.invalid("condition '" + getCondition() + "'",
                    "gives a policy file but does not use it");
            }
            Policy constant = fixed.get();
            policy = () -> constant;
        } else {
            policy = open(condition)::current;
        }
    }

    private static PolicySource open(MatcherCondition condition) throws MessagingException {
        String location = condition.option(POLICY, DEFAULT_POLICY);
        try {
            return PolicyRegistry.shared(location);
        } catch (InvalidPolicyException | IllegalArgumentException e) {
            throw condition.invalid("option '" + POLICY + "=" + location + "'", "cannot be used: " + e.getMessage());
        }
    }

    /** Whether the condition may start with a value without a key. */
    abstract boolean acceptsMainArgument();

    /** Option keys besides {@code policy}. */
    Set<String> optionKeys() {
        return Set.of();
    }

    /**
     * Reads the main argument and options; throws {@link MatcherCondition#invalid} for a bad one.
     *
     * @return a fixed policy when the condition makes the policy file unnecessary
     */
    abstract Optional<Policy> configure(MatcherCondition condition) throws MessagingException;

    /** Decides every recipient of {@code mail}. */
    abstract List<Decided> decide(Mail mail, Policy policy) throws MessagingException;

    /** A recipient (or all recipients, for sender matchers) and the verdict about it. */
    record Decided(String subject, Verdict verdict, Collection<MailAddress> recipients) {
    }

    @Override
    public final Collection<MailAddress> match(Mail mail) throws MessagingException {
        Policy current = policy.get();
        List<MailAddress> matched = new ArrayList<>();
        List<TraceEntry> entries = new ArrayList<>();
        for (Decided decided : decide(mail, current)) {
            Verdict verdict = decided.verdict();
            entries.add(new TraceEntry(decider, decided.subject(), verdict.matched(), verdict.reason()));
            if (verdict.matched()) {
                matched.addAll(decided.recipients());
            }
        }
        Decisions.report(mail, decider, entries, current.traceHeader());
        return matched;
    }

    /** James's local domains, the default for locality. */
    final Predicate<String> localDomains() {
        return domain -> {
            try {
                return getMailetContext().isLocalServer(Domain.of(domain));
            } catch (IllegalArgumentException e) {
                return false; // not a valid domain name, so not one of ours
            }
        };
    }
}
