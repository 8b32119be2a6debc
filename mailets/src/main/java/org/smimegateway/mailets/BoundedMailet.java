package org.smimegateway.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.smime.LimitExceededException;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.MimeLimits;
import org.smimegateway.smime.MimeShape;
import org.smimegateway.smime.MimeStructureScanner;

/**
 * The frame of every gateway mailet: the work one message may ask for is checked before it is done, and whatever
 * escapes the mailet's own work ends with the mail, as it came, in a named processor with its reason.
 *
 * <p>Before {@link #serviceBounded(Mail)} runs, the message's MIME structure is measured from its bytes
 * ({@link MimeStructureScanner}, no MIME tree): deeper than {@code maxMimeDepth} or more than {@code maxMimeParts}
 * parts, and the mail goes to {@code limitProcessor}. A {@link LimitExceededException} from the work itself (too many
 * layers or signers) goes there too. Any other {@code Throwable} (a {@code RuntimeException}, a
 * {@code StackOverflowError}, an {@code OutOfMemoryError} from one huge allocation) sends the mail to
 * {@code errorProcessor}. James's own {@code onMailetException} is not enough: James 3.8.1 catches only
 * {@code Exception} (and {@code NoClassDefFoundError}) around a mailet, so any other {@code Error} kills the spooler
 * thread and the mail is in no repository; and an exception it does catch is reported only as James's generic
 * error, with none of our reason attributes.
 *
 * <p>Either way the mail carries the reason in the attribute {@value #LIMIT_ATTRIBUTE} or
 * {@value #ERROR_ATTRIBUTE} and the header {@value #LIMIT_HEADER} or {@value #ERROR_HEADER}. The message is the one
 * the mailet was given, with its bytes, unless the mailet had already put a new, complete message on the mail (our
 * mailets do so only once their work is done); it is not put back then, since James disposes a replaced message.
 */
public abstract class BoundedMailet extends GenericMailet {
    static final String ERROR_PROCESSOR = "errorProcessor";
    static final String LIMIT_PROCESSOR = "limitProcessor";
    static final String MAX_MIME_DEPTH = "maxMimeDepth";
    static final String MAX_MIME_PARTS = "maxMimeParts";
    static final String ERROR_ATTRIBUTE = "smimegateway.error";
    static final String LIMIT_ATTRIBUTE = "smimegateway.limit";
    static final String ERROR_HEADER = "X-Smime-Gateway-Error";
    static final String LIMIT_HEADER = "X-Smime-Gateway-Limit";
    private static final Set<String> OWN_PARAMETERS = Set.of(ERROR_PROCESSOR, LIMIT_PROCESSOR, MAX_MIME_DEPTH,
        MAX_MIME_PARTS);
    private static final int MAX_REASON = 300;
    /** The prefix of every metric the gateway's mailets publish. */
    public static final String METRIC_PREFIX = "smimegateway_";

    private static final Logger LOGGER = LoggerFactory.getLogger(BoundedMailet.class);

    private String errorProcessor;
    private String limitProcessor;
    private MimeLimits limits;
    private Collection<ProcessingState> requiredProcessors = List.of();
    private final MetricFactory metricFactory;

    /** Counts nowhere: for a mailet built without James. */
    protected BoundedMailet() {
        this(NoMetrics.INSTANCE);
    }

    /** Counts and times through James's metrics (the subclass's {@code @Inject} constructor passes it). */
    protected BoundedMailet(MetricFactory metricFactory) {
        this.metricFactory = metricFactory == null ? NoMetrics.INSTANCE : metricFactory;
    }

    /** Adds one to the counter {@value #METRIC_PREFIX}{@code outcome}. */
    protected final void count(String outcome) {
        metricFactory.generate(METRIC_PREFIX + outcome).increment();
    }

    /** The short name of this mailet (its class), the actor of its audit lines and the name of its timer. */
    protected final String shortName() {
        return getClass().getSimpleName();
    }

    @Override
    public final void init(MailetConfig config) throws MessagingException {
        // Read before the subclass's init() so that its checkInitParameters sees them as known.
        Parameters parameters = new Parameters(config);
        errorProcessor = processorName(parameters, ERROR_PROCESSOR, Mail.ERROR);
        limitProcessor = processorName(parameters, LIMIT_PROCESSOR, errorProcessor);
        limits = new MimeLimits(
            parameters.integer(MAX_MIME_DEPTH, MimeLimits.DEFAULT_MAX_DEPTH, 1, MimeLimits.DEPTH_CEILING),
            parameters.integer(MAX_MIME_PARTS, MimeLimits.DEFAULT_MAX_PARTS, 1, 1_000_000), 0);
        super.init(config);
        List<String> defaults = new ArrayList<>(List.of(errorProcessor, limitProcessor));
        defaults.addAll(defaultProcessors());
        requiredProcessors = RequiredProcessors.of(config, defaults.toArray(String[]::new));
    }

    /**
     * Processors the subclass sends mail to without a parameter naming them (defaults it falls back to): James cannot
     * see them in the configuration, so they are declared here. Read after the subclass's {@code init()}.
     */
    protected Collection<String> defaultProcessors() {
        return List.of();
    }

    /** Every processor this mailet may send mail to, so that James refuses to start when one does not exist. */
    @Override
    public final Collection<ProcessingState> requiredProcessingState() {
        return requiredProcessors;
    }

    private static String processorName(Parameters parameters, String name, String defaultValue)
        throws MessagingException {
        String value = parameters.text(name, defaultValue);
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new MessagingException("Init parameter '" + name + "': '" + value
                + "' is not a processor name (letters, digits, '.', '_', '-')");
        }
        return value;
    }

    /** The subclass's own parameters and this frame's, for {@code checkInitParameters}. */
    protected static Set<String> withBoundedParameters(Set<String> own) {
        Set<String> all = new HashSet<>(own);
        all.addAll(OWN_PARAMETERS);
        return all;
    }

    /** Also limits the size the structure scan reads (for the protective mailet at the top of root). */
    protected final void limitSize(long maxBytes) {
        limits = new MimeLimits(limits.maxDepth(), limits.maxParts(), maxBytes);
    }

    /** Whether the MIME structure is measured before {@link #serviceBounded}; false for header-only mailets. */
    protected boolean readsMimeStructure() {
        return true;
    }

    @Override
    public final void service(Mail mail) throws MessagingException {
        TimeMetric timer = metricFactory.timer(METRIC_PREFIX + "mailet_" + shortName());
        try {
            serviceWithinLimits(mail);
        } finally {
            timer.stopAndPublish();
        }
    }

    private void serviceWithinLimits(Mail mail) {
        MimeMessage given = null;
        try {
            given = mail.getMessage();
            if (readsMimeStructure()) {
                MimeShape shape = MimeStructureScanner.scan(given, limits);
                if (!shape.withinLimits()) {
                    throw new LimitExceededException(shape.exceeded().get());
                }
            }
            serviceBounded(mail);
        } catch (LimitExceededException e) {
            divert(mail, given, limitProcessor, LIMIT_ATTRIBUTE, LIMIT_HEADER, e.getMessage(), null);
            count("limit");
            audit("mail.limit", mail, limitProcessor, e.getMessage());
        } catch (Throwable t) {
            divert(mail, given, errorProcessor, ERROR_ATTRIBUTE, ERROR_HEADER, describe(t), t);
            count("error");
            audit("mail.error", mail, errorProcessor, describe(t));
        }
    }

    private void audit(String what, Mail mail, String processor, String reason) {
        try {
            MailAudit.event(what, shortName(), mail).with("processor", processor).with("reason", clean(reason)).log();
        } catch (RuntimeException e) {
            // The mail is already on its way to the processor; a broken envelope must not undo that.
            LOGGER.warn("Mail {}: audit line not written: {}", mail.getName(), e.toString());
        }
    }

    /** The mailet's work; anything it throws is turned into a route by {@link #service(Mail)}. */
    protected abstract void serviceBounded(Mail mail) throws MessagingException;

    private void divert(Mail mail, MimeMessage given, String processor, String attribute, String header,
                        String reason, Throwable cause) {
        // James names a mailet by its class attribute, usually the fully qualified class name.
        String mailetName = getMailetName().substring(getMailetName().lastIndexOf('.') + 1);
        String text = clean(mailetName + ": " + reason);
        // Not put back when the work already replaced it: James disposes a message that is replaced, so the one
        // given may no longer be readable. Our mailets replace it only with a complete message, after their work.
        boolean replaced = replaced(mail, given);
        mail.setAttribute(new Attribute(AttributeName.of(attribute), AttributeValue.of(text)));
        mail.setErrorMessage(text);
        try {
            MimeMessage message = mail.getMessage();
            // A changed header makes James parse the Content-Type when it writes the mail: with one that does not
            // parse, the mail could not even be stored. The attribute carries the reason then.
            if (MimeEntities.contentTypeParses(message.getHeader("Content-Type", null))) {
                message.setHeader(header, text);
            }
        } catch (MessagingException | RuntimeException e) {
            // Headers that cannot be written (a read-only message): the attribute carries the reason.
            LOGGER.debug("Mail {}: reason header not added: {}", mail.getName(), e.toString());
        }
        mail.setState(processor);
        String what = replaced ? "sent, as the mailet had already rebuilt it," : "sent intact";
        if (cause == null) {
            LOGGER.info("Mail {}: {}: {} to processor {}", mail.getName(), text, what, processor);
        } else {
            // The stack trace of a StackOverflowError is huge and says nothing the class name does not.
            LOGGER.warn("Mail {}: {}: {} to processor {}", mail.getName(), text, what, processor,
                cause instanceof StackOverflowError ? null : cause);
        }
    }

    private static boolean replaced(Mail mail, MimeMessage given) {
        try {
            return given == null || mail.getMessage() != given;
        } catch (MessagingException | RuntimeException e) {
            return true;
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof StackOverflowError) {
            return "processing recursed too deep (StackOverflowError)";
        }
        if (t instanceof OutOfMemoryError) {
            return "processing needed more memory than there is (OutOfMemoryError)";
        }
        return "failed: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** One header line of printable text: no CR/LF an outsider could smuggle in through an exception message. */
    private static String clean(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "...";
    }
}
