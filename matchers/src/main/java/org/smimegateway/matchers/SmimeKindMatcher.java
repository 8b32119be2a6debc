package org.smimegateway.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/** Matches all recipients when the message's outermost layer is one of the given S/MIME kinds. Takes no condition. */
abstract class SmimeKindMatcher extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeKindMatcher.class);

    abstract Set<SmimeKind> kinds();

    /**
     * Whether the body must also begin with a ContentInfo of the kind the Content-Type names. Encrypted mail is
     * let past encryption (and mandatory policy) on this match, so a label alone must not do: plaintext labelled
     * enveloped-data by a careless client would leave in the clear.
     */
    boolean confirmedByBody() {
        return false;
    }

    @Override
    public void init() throws MessagingException {
        MatcherCondition.parse(getMatcherName(), getCondition(), false, Set.of());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        SmimeKind kind = message == null ? SmimeKind.NONE : SmimeClassifier.classify(message);
        boolean matched = kinds().contains(kind);
        if (matched && confirmedByBody() && SmimeClassifier.sniff(message) != kind) {
            LOGGER.debug("Mail {} ({}): {} not matched: labelled {} but the body is no such CMS structure", mail.getName(),
                Decisions.messageId(mail), getMatcherName(), kind);
            return List.of();
        }
        LOGGER.debug("Mail {} ({}): {} {}: outermost layer is {}", mail.getName(), Decisions.messageId(mail),
            getMatcherName(), matched ? "matched" : "not matched", kind);
        return matched ? mail.getRecipients() : List.of();
    }
}
