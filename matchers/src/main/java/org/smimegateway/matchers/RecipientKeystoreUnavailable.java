package org.smimegateway.matchers;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.policy.SecurityAttributes;

/**
 * Matches the recipients of this mail whose certificate lookup found the keystore unavailable (as recorded by
 * {@link RecipientHasEncryptionCertificate}), so they can be held for retry instead of bounced or sent in plaintext.
 * A plain {@code HasMailAttribute} would not do: when James splits a mail both parts keep the attribute, but only
 * these recipients need holding. No condition.
 */
public class RecipientKeystoreUnavailable extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientKeystoreUnavailable.class);
    private static final AttributeName UNAVAILABLE = AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE);

    @Override
    public void init() throws MessagingException {
        MatcherCondition.parse(getMatcherName(), getCondition(), false, Set.of());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Set<String> unavailable = new HashSet<>();
        mail.getAttribute(UNAVAILABLE).ifPresent(attribute -> {
            if (attribute.getValue().value() instanceof Collection<?> values) {
                for (Object value : values) {
                    if (value instanceof AttributeValue<?> address) {
                        unavailable.add(String.valueOf(address.value()).toLowerCase(Locale.ROOT));
                    }
                }
            }
        });
        if (unavailable.isEmpty()) {
            return List.of();
        }
        List<MailAddress> matched = mail.getRecipients().stream()
            .filter(recipient -> unavailable.contains(recipient.asString().toLowerCase(Locale.ROOT)))
            .toList();
        LOGGER.debug("Mail {} ({}): {} matched {}: keystore unavailable at certificate lookup", mail.getName(),
            Decisions.messageId(mail), getMatcherName(), matched);
        return matched;
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients whose certificate lookup found the keystore unavailable";
    }
}
