package org.smimegateway.mailets;

import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;

/**
 * Stops mail whose MIME structure asks for more work than any real mail does, before anything builds a MIME tree
 * of it: James's own mailets (mime4j) and JavaMail parse nesting recursively, so one message nested a few thousand
 * levels deep overflows the stack of the spooler thread that meets it. Put it first in the root processor.
 *
 * <p>The message is read once as a stream ({@code MimeStructureScanner}: one line at a time, boundaries on an
 * explicit stack); deeper than {@code maxMimeDepth}, more than {@code maxMimeParts} parts or (optionally) larger
 * than {@code maxMessageSize}, and the mail goes, intact, to {@code limitProcessor} (required) with the reason in
 * the attribute {@code smimegateway.limit} and the header {@code X-Smime-Gateway-Limit}. Everything else goes on
 * unchanged.
 */
public class MimeStructureLimit extends BoundedMailet {
    static final String MAX_MESSAGE_SIZE = "maxMessageSize";

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public MimeStructureLimit() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public MimeStructureLimit(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(withBoundedParameters(Set.of(MAX_MESSAGE_SIZE)));
        Parameters parameters = new Parameters(getMailetConfig());
        if (parameters.optional(LIMIT_PROCESSOR).isEmpty()) {
            throw new MessagingException("Init parameter '" + LIMIT_PROCESSOR
                + "' is required: the processor that keeps mail beyond the limits (e.g. structure-limit)");
        }
        if (parameters.optional(MAX_MESSAGE_SIZE).isPresent()) {
            limitSize(parameters.size(MAX_MESSAGE_SIZE, 1));
        }
    }

    @Override
    protected void serviceBounded(Mail mail) {
        // Within the limits (measured before this runs): nothing to do.
    }

    @Override
    public String getMailetInfo() {
        return "Sends mail with too deep or too large MIME structure to a named processor before it is parsed";
    }
}
