package org.smimegateway.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Matches all recipients when the engine's security attributes satisfy a test. Takes no condition. */
abstract class AttributeMatcher extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(AttributeMatcher.class);

    /** Whether the mail matches, and why. */
    abstract Verdict test(Mail mail);

    @Override
    public void init() throws MessagingException {
        MatcherCondition.parse(getMatcherName(), getCondition(), false, Set.of());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Verdict verdict = test(mail);
        LOGGER.debug("Mail {} ({}): {} {}: {}", mail.getName(), Decisions.messageId(mail), getMatcherName(),
            verdict.matched() ? "matched" : "not matched", verdict.reason());
        return verdict.matched() ? mail.getRecipients() : List.of();
    }
}
