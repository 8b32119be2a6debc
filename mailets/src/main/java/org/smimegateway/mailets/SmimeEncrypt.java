package org.smimegateway.mailets;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.matchers.DecisionTrace;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.Setting;
import org.smimegateway.policy.TraceEntry;
import org.smimegateway.smime.CmsLengths;
import org.smimegateway.smime.CryptoProviders;
import org.smimegateway.smime.OutgoingForm;
import org.smimegateway.smime.SmimeEncryptor;

/**
 * Encrypts mail for its recipients' certificates: one envelope, one RecipientInfo per recipient (and the sender's
 * own certificate with {@code encryptForSender}). Recipients without a usable certificate are split off into a copy
 * sent to {@code noCertificateProcessor}, and recipients whose certificates could not be looked up (directory
 * down) into a copy sent to {@code unavailableProcessor}: nobody gets plaintext from this mailet.
 */
public class SmimeEncrypt extends BoundedMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String POLICY = "policy";
    static final String CONTENT_ENCRYPTION = "contentEncryption";
    static final String KEY_TRANSPORT = "keyTransport";
    static final String ENCRYPT_FOR_SENDER = "encryptForSender";
    static final String CMS_LENGTHS = "cmsLengths";
    static final String NO_CERTIFICATE_PROCESSOR = "noCertificateProcessor";
    static final String UNAVAILABLE_PROCESSOR = "unavailableProcessor";

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeEncrypt.class);

    private KeystoreProvider keystore;
    private Optional<PolicySource> policy;
    private ContentEncryption contentEncryption;
    private KeyTransport keyTransport;
    private boolean encryptForSender;
    private CmsLengths cmsLengths;
    private String noCertificateProcessor;
    private String unavailableProcessor;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public SmimeEncrypt() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public SmimeEncrypt(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        // The JCA provider is chosen and logged once, at James's start rather than at the first mail.
        CryptoProviders.active();
        checkInitParameters(withBoundedParameters(Set.of(KEYSTORE, KEYSTORE_NAME,
            POLICY, CONTENT_ENCRYPTION, KEY_TRANSPORT, ENCRYPT_FOR_SENDER, CMS_LENGTHS,
            NO_CERTIFICATE_PROCESSOR, UNAVAILABLE_PROCESSOR)));
        Parameters parameters = new Parameters(getMailetConfig());
        keystore = GatewayKeystores.load(KEYSTORE, parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION),
            parameters.text(KEYSTORE_NAME, "default"));
        Optional<String> policyLocation = parameters.optional(POLICY);
        try {
            policy = policyLocation.isPresent() ? Optional.of(PolicyRegistry.shared(policyLocation.get())) : Optional.empty();
        } catch (InvalidPolicyException e) {
            throw new MessagingException("Init parameter '" + POLICY + "': " + e.getMessage(), e);
        }
        contentEncryption = parameters.parsed(CONTENT_ENCRYPTION, "AES128_CBC", ContentEncryption::parse);
        keyTransport = parameters.parsed(KEY_TRANSPORT, "RSA_PKCS1", KeyTransport::parse);
        encryptForSender = parameters.bool(ENCRYPT_FOR_SENDER, false);
        cmsLengths = parameters.parsed(CMS_LENGTHS, "definite", CmsLengths::parse);
        noCertificateProcessor = parameters.optional(NO_CERTIFICATE_PROCESSOR).orElseThrow(() -> new MessagingException(
            "Init parameter '" + NO_CERTIFICATE_PROCESSOR + "' is required: where mail for recipients without a"
                + " certificate goes (e.g. a processor that relays plaintext, or bounces)"));
        unavailableProcessor = parameters.text(UNAVAILABLE_PROCESSOR, noCertificateProcessor);
    }


    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
        List<MailAddress> withCertificate = new ArrayList<>();
        List<MailAddress> without = new ArrayList<>();
        List<MailAddress> unavailable = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Lookup<EncryptionCertificates> lookup = keystore.encryptionCertificates(recipient.asString());
            if (lookup instanceof Lookup.Found<EncryptionCertificates> found && found.value().isUsable()) {
                withCertificate.add(recipient);
                certificates.add(found.value().usable().get(0));
            } else if (lookup instanceof Lookup.Unavailable<EncryptionCertificates> down) {
                LOGGER.info("Mail {}: certificates of {} unavailable ({}), held", mail.getName(), recipient, down.reason());
                unavailable.add(recipient);
            } else {
                without.add(recipient);
            }
        }
        if (withCertificate.isEmpty() && without.isEmpty() && unavailable.isEmpty()) {
            return;
        }
        // Each recipient ends in exactly one place: the mail itself keeps the encryptable recipients (else those
        // without a certificate, else those whose lookup failed); every other group goes out as a copy.
        List<MailAddress> kept = !withCertificate.isEmpty() ? withCertificate : !without.isEmpty() ? without : unavailable;
        if (kept != without) {
            splitOff(mail, without, noCertificateProcessor, "no usable certificate");
        }
        if (kept != unavailable) {
            splitOff(mail, unavailable, unavailableProcessor, "keystore unavailable");
        }
        if (kept != without && !without.isEmpty()) {
            account(mail, without, noCertificateProcessor, false);
        }
        if (kept != unavailable && !unavailable.isEmpty()) {
            account(mail, unavailable, unavailableProcessor, true);
        }
        mail.setRecipients(kept);
        if (withCertificate.isEmpty()) {
            String processor = kept == without ? noCertificateProcessor : unavailableProcessor;
            String reason = kept == without ? "no usable certificate" : "keystore unavailable";
            LOGGER.info("Mail {}: not encrypted ({}), sent to processor {}", mail.getName(), reason, processor);
            trace(mail, kept, reason + " at encrypt time, sent to processor " + processor);
            mail.setState(processor);
            account(mail, kept, processor, kept == unavailable);
            return;
        }
        if (encryptForSender) {
            SmimeSign.senderOf(mail).map(keystore::encryptionCertificates)
                .filter(l -> l instanceof Lookup.Found<EncryptionCertificates> f && f.value().isUsable())
                .ifPresent(l -> certificates.add(((Lookup.Found<EncryptionCertificates>) l).value().usable().get(0)));
        }
        ContentEncryption algorithm = algorithmFor(withCertificate);
        KeyTransport transport = transportFor(withCertificate);
        try {
            MimeMessage encrypted = new SmimeEncryptor(algorithm, transport, cmsLengths).encrypt(mail.getMessage(), certificates,
                formFor(withCertificate));
            mail.setMessage(encrypted);
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the message to encrypt", e);
        }
        DecisionTrace.record(mail, withCertificate.stream().map(r -> new TraceEntry(getClass().getSimpleName(),
            r.asString(), true, "encrypted with " + algorithm + " / " + transport
                + (policy.isPresent() ? " (policy)" : " (mailet parameters)"))).toList(), traceHeader());
        LOGGER.info("Mail {}: encrypted with {} / {} for {}", mail.getName(), algorithm, transport, withCertificate);
        count("encrypted_" + algorithm.name().toLowerCase(Locale.ROOT));
        MailAudit.event("mail.encrypted", shortName(), mail, withCertificate).with("algorithm", algorithm)
            .with("keyTransport", transport).with("certificates", certificates.size()).log();
    }

    /** Counts and audits recipients this mailet did not encrypt for: held (keystore down) or without certificate. */
    private void account(Mail mail, Collection<MailAddress> recipients, String processor, boolean keystoreDown) {
        if (keystoreDown) {
            count("held");
            MailAudit.event("mail.held", shortName(), mail, recipients).with("reason", "keystore unavailable")
                .with("processor", processor).log();
        } else {
            count("not_encrypted");
            MailAudit.event("mail.not_encrypted", shortName(), mail, recipients).with("reason", "no usable certificate")
                .with("processor", processor).log();
        }
    }

    private void splitOff(Mail mail, Collection<MailAddress> recipients, String processor, String reason)
        throws MessagingException {
        if (recipients.isEmpty()) {
            return;
        }
        Mail copy = mail.duplicate();
        copy.setRecipients(List.copyOf(recipients));
        trace(copy, recipients, reason + " at encrypt time, sent to processor " + processor);
        getMailetContext().sendMail(copy, processor);
        LOGGER.info("Mail {}: {} for {}, split off to processor {} as {}", mail.getName(), reason, recipients,
            processor, copy.getName());
    }

    /** Explains in the decision trace why these recipients were not encrypted for here. */
    private void trace(Mail mail, Collection<MailAddress> recipients, String reason) throws MessagingException {
        DecisionTrace.record(mail, recipients.stream()
            .map(r -> new TraceEntry(getClass().getSimpleName(), r.asString(), false, reason)).toList(), traceHeader());
    }

    private boolean traceHeader() {
        return policy.map(p -> p.current().traceHeader()).orElse(false);
    }

    /**
     * The policy's choice when every recipient agrees. Otherwise CBC, which every recipient can read (GCM only
     * where all asked for it), with the larger key if any of them asked for 256 bits.
     */
    private ContentEncryption algorithmFor(List<MailAddress> recipients) {
        if (policy.isEmpty()) {
            return contentEncryption;
        }
        List<ContentEncryption> wanted = recipients.stream()
            .map(r -> policy.get().current().resolve(Setting.CONTENT_ENCRYPTION, r.asString()).value()).distinct().toList();
        if (wanted.size() == 1) {
            return wanted.get(0);
        }
        boolean large = wanted.contains(ContentEncryption.AES256_CBC) || wanted.contains(ContentEncryption.AES256_GCM);
        return large ? ContentEncryption.AES256_CBC : ContentEncryption.AES128_CBC;
    }

    private KeyTransport transportFor(List<MailAddress> recipients) {
        if (policy.isEmpty()) {
            return keyTransport;
        }
        List<KeyTransport> wanted = recipients.stream()
            .map(r -> policy.get().current().resolve(Setting.KEY_TRANSPORT, r.asString()).value()).distinct().toList();
        // OAEP only when every recipient's domain asked for it: PKCS#1 v1.5 is what every client reads.
        return wanted.size() == 1 ? wanted.get(0) : KeyTransport.RSA_PKCS1;
    }

    /**
     * Header protection only when every recipient's policy asks for it (all of them see the outer "[...]");
     * the legacy content type names when any asks (current clients read them too).
     */
    private OutgoingForm formFor(List<MailAddress> recipients) {
        if (policy.isEmpty()) {
            return OutgoingForm.STANDARD;
        }
        Policy current = policy.get().current();
        return new OutgoingForm(
            recipients.stream().anyMatch(r -> current.resolve(Setting.LEGACY_CONTENT_TYPES, r.asString()).value()),
            recipients.stream().allMatch(r -> current.resolve(Setting.PROTECT_HEADERS, r.asString()).value()));
    }

    @Override
    public String getMailetInfo() {
        return "S/MIME encrypts mail for its recipients' certificates";
    }
}
