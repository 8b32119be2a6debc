package org.smimegateway.mailets;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;
import org.smimegateway.smime.AuthorIdentity;
import org.smimegateway.smime.CryptoProviders;
import org.smimegateway.smime.InspectionResult;
import org.smimegateway.smime.SecurityInfoHeaders;
import org.smimegateway.smime.SecurityLayer;
import org.smimegateway.smime.SignerReport;
import org.smimegateway.smime.SmimeInspector;
import org.smimegateway.smime.SmimeVerdict;
import org.smimegateway.smime.SmimeVerifier;

/**
 * Verifies every S/MIME signature layer of a message (clear-signed and opaque, nested), validates signers through
 * the keystore provider and matches them against From, then stamps the security-info headers, an RFC 7281
 * {@code Authentication-Results} header and the matching mail attributes. Opaque signatures are unwrapped so any
 * client can read the mail (unless {@code unwrapOpaque} is false). Certificates of signatures that verified are
 * offered to the provider for harvesting.
 */
public class SmimeVerify extends BoundedMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String PREFIX = "prefix";
    static final String AUTHSERV_ID = "authservId";
    static final String UNWRAP_OPAQUE = "unwrapOpaque";
    static final String HARVEST = "harvest";
    static final String ACCEPT_SHA1 = "acceptInsecureSha1Signatures";
    static final String MAX_LAYERS = "maxLayers";
    static final String MAX_MESSAGE_SIZE = "maxMessageSize";
    static final String MAX_SIGNERS = "maxSigners";
    static final int MAX_LAYERS_LIMIT = 32;

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeVerify.class);

    private KeystoreProvider keystore;
    private SecurityInfoHeaders headers;
    private String prefix;
    private String authservId;
    private boolean unwrapOpaque;
    private boolean harvest;
    private long maxMessageSize;
    private SmimeInspector inspector;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public SmimeVerify() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public SmimeVerify(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        // The JCA provider is chosen and logged once, at James's start rather than at the first mail.
        CryptoProviders.active();
        checkInitParameters(withBoundedParameters(Set.of(KEYSTORE, KEYSTORE_NAME,
            PREFIX, AUTHSERV_ID, UNWRAP_OPAQUE, HARVEST, ACCEPT_SHA1,
            MAX_LAYERS, MAX_MESSAGE_SIZE, MAX_SIGNERS)));
        Parameters parameters = new Parameters(getMailetConfig());
        keystore = GatewayKeystores.load(KEYSTORE, parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION),
            parameters.text(KEYSTORE_NAME, "default"));
        prefix = parameters.parsed(PREFIX, SecurityInfoHeaders.DEFAULT_PREFIX, SmimeDecrypt::checkedPrefix);
        headers = new SecurityInfoHeaders(prefix);
        authservId = parameters.optional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
        unwrapOpaque = parameters.bool(UNWRAP_OPAQUE, true);
        harvest = parameters.bool(HARVEST, true);
        boolean acceptSha1 = parameters.bool(ACCEPT_SHA1, false);
        int maxLayers = parameters.integer(MAX_LAYERS, SmimeInspector.DEFAULT_MAX_LAYERS, 1, MAX_LAYERS_LIMIT);
        int maxSigners = parameters.integer(MAX_SIGNERS, SmimeVerifier.DEFAULT_MAX_SIGNERS, 1,
            SmimeVerifier.MAX_SIGNERS_LIMIT);
        maxMessageSize = parameters.size(MAX_MESSAGE_SIZE, SmimeDecrypt.DEFAULT_MAX_MESSAGE_SIZE);
        inspector = new SmimeInspector(Optional.empty(), new SmimeVerifier(keystore::validate, acceptSha1, maxSigners),
            maxLayers);
    }

    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
        InspectionResult result;
        try {
            result = mail.getMessageSize() > maxMessageSize ? uninspected(mail.getMessage())
                : inspector.inspect(mail.getMessage());
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the message to verify", e);
        }
        if (unwrapOpaque && result.message() != mail.getMessage()) {
            // Headers inside the opaque content surface now: none of them may pose as our verdict.
            try {
                mail.setMessage(VerdictHeaders.cleaned(mail.getMessage(), result.message(), prefix, authservId));
            } catch (IOException e) {
                throw new MessagingException("Mail " + mail.getName() + ": cannot rebuild the unwrapped message", e);
            }
        }
        int offset = SecurityAttributeWriter.number(mail, SmimeDecrypt.DECRYPTED_LAYERS);
        SecurityAttributeWriter.headers(mail.getMessage(), headers.render(notYetReported(mail, result, offset), offset));
        mail.getMessage().addHeader("Authentication-Results", SecurityInfoHeaders.authenticationResults(authservId, result));
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNED, result.signed());
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNER_VERIFIED, result.verified());
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNER_TRUSTED, result.trusted());
        result.signatureLayers().stream().flatMap(l -> l.signers().stream()).findFirst()
            .flatMap(s -> s.emails().stream().findFirst())
            .ifPresent(email -> SecurityAttributeWriter.text(mail, SecurityAttributes.SIGNER, email));
        SmimeVerdict verdict = result.verdict();
        if (result.signed()) {
            LOGGER.info("Mail {}: signature verified={} trusted={} smime={} reason={}{}", mail.getName(),
                result.verified(), result.trusted(), verdict.result().token(), verdict.code(),
                verdict.detail().isEmpty() ? "" : " (" + verdict.detail() + ")");
        } else {
            LOGGER.info("Mail {}: not signed, smime={}", mail.getName(), verdict.result().token());
        }
        count("verified_" + verdict.result().token());
        MailAudit.event("mail.verdict", shortName(), mail).with("result", verdict.result().token())
            .with("reason", verdict.code()).with("verified", result.verified()).with("trusted", result.trusted())
            .with("authors", String.join(",", AuthorIdentity.of(mail.getMessage()).authors()))
            .with("signers", signers(result)).log();
        if (harvest && result.verified()) {
            harvestSigners(mail, result);
        }
    }

    /** Each signer as {@code address:result} (the signer id when the certificate names no address). */
    private static String signers(InspectionResult result) {
        return result.signatureLayers().stream().flatMap(l -> l.signers().stream())
            .map(s -> (s.emails().isEmpty() ? s.signerId() : String.join("+", s.emails())) + ":"
                + s.verdict().result().token())
            .collect(Collectors.joining(","));
    }

    /**
     * The result without the encryption layers {@code SmimeDecrypt} already stamped (an envelope it could not open is
     * the outermost layer seen here): one layer, one set of headers.
     */
    private static InspectionResult notYetReported(Mail mail, InspectionResult result, int offset) {
        int reported = SecurityAttributeWriter.number(mail, SmimeDecrypt.REPORTED_LAYERS);
        List<SecurityLayer> layers = result.layers().stream()
            .filter(layer -> !(layer instanceof SecurityLayer.Encrypted && layer.level() + offset < reported))
            .toList();
        return new InspectionResult(result.message(), layers);
    }

    /** A message over {@code maxMessageSize}: a signature on it is reported as not checked, never as verified. */
    private InspectionResult uninspected(MimeMessage message) throws MessagingException {
        SmimeKind kind = SmimeClassifier.classify(message);
        if (!kind.isSigned()) {
            return new InspectionResult(message, List.of());
        }
        return new InspectionResult(message, List.of(SecurityLayer.Signed.refused(0, kind == SmimeKind.OPAQUE_SIGNED,
            SmimeVerdict.tooLarge(MAX_MESSAGE_SIZE, maxMessageSize))));
    }

    private void harvestSigners(Mail mail, InspectionResult result) throws MessagingException {
        // The author when the message names exactly one readable From address, else the envelope sender; never an
        // exception over a From that does not parse (AuthorIdentity reads the header itself).
        List<String> authors = AuthorIdentity.of(mail.getMessage()).authors();
        String from = authors.size() == 1 ? authors.get(0)
            : mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        for (SignerReport signer : result.signatureLayers().stream().flatMap(l -> l.signers().stream()).toList()) {
            if (signer.certificate().isPresent() && signer.verified()) {
                HarvestOutcome outcome = keystore.harvest(signer.certificate().get(), signer.carried(), from, true);
                LOGGER.debug("Mail {}: harvest of {}: {}", mail.getName(), signer.signerId(), outcome);
                if (outcome instanceof HarvestOutcome.Stored stored) {
                    count("harvested");
                    MailAudit.event("mail.harvested", shortName(), mail).with("address", stored.address())
                        .with("serial", signer.certificate().get().getSerialNumber().toString(16)).log();
                }
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Verifies S/MIME signatures and stamps security-info headers";
    }
}
