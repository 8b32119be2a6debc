package org.smimegateway.admin.delivery;

import java.util.Objects;

/** Whether the SMTP server accepted a message. */
public sealed interface MailOutcome permits MailOutcome.Sent, MailOutcome.Failed {

    record Sent(String messageId) implements MailOutcome {
        public Sent {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    record Failed(String reason) implements MailOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
