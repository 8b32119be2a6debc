package org.smimegateway.webadmin;

import java.io.ByteArrayInputStream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.smimegateway.admin.delivery.MailOutcome;
import org.smimegateway.admin.delivery.MailSubmitter;
import org.smimegateway.admin.delivery.MessageAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the PKCS#12 mail to James's own spool, in the processor {@code state} (admin.properties 'ca.mail.state'),
 * so it leaves by James's normal route (relay, RemoteDelivery, its retries and bounces). "Accepted" means enqueued.
 * The bytes are kept as they are: the message is signed, and re-encoding would break the signature.
 */
final class SpoolSubmitter implements MailSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSubmitter.class);

    private final MailQueueFactory<?> queues;
    private final String state;

    SpoolSubmitter(MailQueueFactory<?> queues, String state) {
        this.queues = queues;
        this.state = state;
    }

    @Override
    public MailOutcome send(String envelopeFrom, String recipient, MessageAssembler.Assembled message) {
        try {
            String name = MailImpl.getId();
            // Small (a PKCS#12 and some text): the source stays in memory, so nothing is left to dispose of here.
            MimeMessage parsed = new MimeMessageWrapper(MimeMessageInputStreamSource.create(name,
                new ByteArrayInputStream(message.bytes())));
            MailImpl mail = MailImpl.builder().name(name)
                .sender(new MailAddress(envelopeFrom))
                .addRecipient(new MailAddress(recipient))
                .mimeMessage(parsed)
                .state(state)
                .build();
            spool().enQueue(mail);
            LOG.info("PKCS#12 mail {} to {} enqueued on James's spool in processor {}", message.messageId(), recipient,
                state);
            return new MailOutcome.Sent(message.messageId());
        } catch (MessagingException | RuntimeException e) {
            LOG.info("PKCS#12 mail {} to {} not enqueued: {}", message.messageId(), recipient, e.getMessage());
            return new MailOutcome.Failed("James's spool: " + e.getMessage());
        }
    }

    /** James's spool queue; never closed here, it is James's. */
    MailQueue spool() {
        return queues.getQueue(MailQueueFactory.SPOOL).orElseThrow(() -> new IllegalStateException(
            "James has no spool queue"));
    }
}
