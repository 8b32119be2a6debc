package org.smimegateway.matchers;

import java.util.List;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.policy.TraceEntry;

/** Reports one matcher's decisions on one mail: a single INFO line, and the trace. */
final class Decisions {
    private static final Logger LOGGER = LoggerFactory.getLogger(Decisions.class);

    private Decisions() {
    }

    static void report(Mail mail, String decider, List<TraceEntry> entries, boolean header) throws MessagingException {
        DecisionTrace.record(mail, entries, header);
        if (LOGGER.isDebugEnabled()) {
            LOGGER.debug("Mail {} ({}): {}: {}", mail.getName(), messageId(mail), decider,
                entries.stream()
                    .map(e -> e.subject() + " " + (e.matched() ? "matched" : "not matched") + ", " + e.reason())
                    .collect(Collectors.joining("; ")));
        }
    }

    static String messageId(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            String id = message == null ? null : message.getMessageID();
            return id == null ? "no Message-ID" : id;
        } catch (MessagingException e) {
            return "unreadable Message-ID";
        }
    }

    static String subject(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        return message == null ? null : message.getSubject();
    }
}
