package org.smimegateway.mailets;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.Setting;
import org.smimegateway.smime.AuthorIdentity;
import org.smimegateway.smime.CryptoProviders;
import org.smimegateway.smime.DigestAlgorithm;
import org.smimegateway.smime.SignFormat;
import org.smimegateway.smime.SignatureScheme;
import org.smimegateway.smime.SmimeSigner;

/**
 * Signs outgoing mail with the sender's key from the keystore provider. Without a signing identity the mail goes on
 * unsigned, or to {@code noIdentityProcessor} when one is configured. When the keystore could not be asked, the mail
 * never goes on unsigned: it goes to {@code unavailableProcessor} (default: James's {@code error} processor, which
 * keeps it for the operator), as the sender may well have a key.
 */
public class SmimeSign extends BoundedMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String DIGEST = "digest";
    static final String SCHEME = "signatureScheme";
    static final String FORMAT = "format";
    static final String NO_IDENTITY_PROCESSOR = "noIdentityProcessor";
    static final String UNAVAILABLE_PROCESSOR = "unavailableProcessor";
    static final String POLICY = "policy";
    static final String SIGNED_BY = "smimegateway.signedBy";

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeSign.class);

    private KeystoreProvider keystore;
    private SmimeSigner signer;
    private DigestAlgorithm digest;
    private Optional<String> noIdentityProcessor;
    private String unavailableProcessor;
    private Optional<PolicySource> policy;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public SmimeSign() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public SmimeSign(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        // The JCA provider is chosen and logged once, at James's start rather than at the first mail.
        CryptoProviders.active();
        checkInitParameters(withBoundedParameters(Set.of(KEYSTORE, KEYSTORE_NAME,
            DIGEST, SCHEME, FORMAT, NO_IDENTITY_PROCESSOR,
            UNAVAILABLE_PROCESSOR, POLICY)));
        Parameters parameters = new Parameters(getMailetConfig());
        keystore = GatewayKeystores.load(KEYSTORE, parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION),
            parameters.text(KEYSTORE_NAME, "default"));
        digest = parameters.parsed(DIGEST, "SHA256", DigestAlgorithm::parse);
        signer = new SmimeSigner(digest,
            parameters.parsed(SCHEME, "RSA_PKCS1", SignatureScheme::parse),
            parameters.parsed(FORMAT, "CLEAR", SignFormat::parse));
        noIdentityProcessor = parameters.optional(NO_IDENTITY_PROCESSOR);
        unavailableProcessor = parameters.text(UNAVAILABLE_PROCESSOR, Mail.ERROR);
        Optional<String> policyLocation = parameters.optional(POLICY);
        try {
            policy = policyLocation.isPresent() ? Optional.of(PolicyRegistry.shared(policyLocation.get())) : Optional.empty();
        } catch (InvalidPolicyException e) {
            throw new MessagingException("Init parameter '" + POLICY + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected Collection<String> defaultProcessors() {
        return List.of(unavailableProcessor);
    }

    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
        Optional<String> sender = senderOf(mail);
        Lookup<SigningIdentity> identity = sender.map(keystore::signingIdentity)
            .orElseGet(() -> Lookup.notFound("no sender address"));
        if (identity instanceof Lookup.Found<SigningIdentity> found) {
            try {
                MimeMessage signed = signer.sign(mail.getMessage(), found.value(), encryptionCertificate(sender.get()),
                    legacyContentTypes(mail));
                mail.setMessage(signed);
                mail.setAttribute(new Attribute(AttributeName.of(SIGNED_BY), AttributeValue.of(sender.get())));
                LOGGER.info("Mail {}: signed as {} with {}", mail.getName(), sender.get(), found.value());
                count("signed");
                X509Certificate certificate = found.value().certificate();
                MailAudit.event("mail.signed", shortName(), mail).with("signer", sender.get())
                    .with("serial", certificate.getSerialNumber().toString(16))
                    .with("issuer", certificate.getIssuerX500Principal().getName()).with("digest", digest).log();
            } catch (IOException e) {
                throw new MessagingException("Mail " + mail.getName() + ": cannot read the message to sign", e);
            }
            return;
        }
        if (identity instanceof Lookup.Unavailable<SigningIdentity> down) {
            // Fail closed: the sender may have a key we could not read, and unsigned is not ours to decide then.
            LOGGER.info("Mail {}: not signed, keystore unavailable ({}), sent to processor {}", mail.getName(),
                down.reason(), unavailableProcessor);
            mail.setErrorMessage("S/MIME signing identity unavailable: " + down.reason());
            mail.setState(unavailableProcessor);
            count("held");
            MailAudit.event("mail.held", shortName(), mail).with("reason", "keystore unavailable")
                .with("processor", unavailableProcessor).log();
            return;
        }
        String reason = ((Lookup.NotFound<SigningIdentity>) identity).reason();
        if (noIdentityProcessor.isPresent()) {
            LOGGER.info("Mail {}: not signed ({}), sent to processor {}", mail.getName(), reason, noIdentityProcessor.get());
            mail.setState(noIdentityProcessor.get());
            count("not_signed");
            MailAudit.event("mail.not_signed", shortName(), mail).with("reason", reason)
                .with("processor", noIdentityProcessor.get()).log();
        } else {
            LOGGER.info("Mail {}: goes on unsigned: {}", mail.getName(), reason);
            count("not_signed");
        }
    }

    /** The S/MIME version 2 content type names when the policy asks for them for any recipient. */
    private boolean legacyContentTypes(Mail mail) {
        return policy.isPresent() && mail.getRecipients().stream().anyMatch(r ->
            policy.get().current().resolve(Setting.LEGACY_CONTENT_TYPES, r.asString()).value());
    }

    /** The sender's own best encryption certificate, for the key-preference attribute; none when unknown. */
    private Optional<X509Certificate> encryptionCertificate(String sender) {
        return keystore.encryptionCertificates(sender) instanceof Lookup.Found<EncryptionCertificates> found
            ? found.value().usable().stream().findFirst() : Optional.empty();
    }

    static Optional<String> senderOf(Mail mail) throws MessagingException {
        Optional<String> envelope = mail.getMaybeSender().asOptional().map(MailAddress::asString);
        if (envelope.isPresent()) {
            return envelope;
        }
        // The first readable From address; a From that does not parse means no sender, never an exception.
        return AuthorIdentity.of(mail.getMessage()).authors().stream().findFirst();
    }

    @Override
    public String getMailetInfo() {
        return "S/MIME signs mail with the sender's key";
    }
}
