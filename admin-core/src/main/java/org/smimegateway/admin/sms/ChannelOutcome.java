package org.smimegateway.admin.sms;

import java.util.Objects;

/** Whether a password reached its channel. A failure is an expected outcome, not an exception. */
public sealed interface ChannelOutcome permits ChannelOutcome.Delivered, ChannelOutcome.Failed {

    /** Handed over; {@code detail} says where (never the password). */
    record Delivered(String detail) implements ChannelOutcome {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    record Failed(String reason) implements ChannelOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
