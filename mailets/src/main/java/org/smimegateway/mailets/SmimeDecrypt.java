package org.smimegateway.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.CryptoProviders;
import org.smimegateway.smime.DecryptOutcome;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SecurityInfoHeaders;
import org.smimegateway.smime.SecurityLayer;
import org.smimegateway.smime.SignaturesOverEnvelope;
import org.smimegateway.smime.SmimeVerifier;

/**
 * Decrypts incoming mail for local recipients whose keys the gateway holds, layer after layer (an encrypted message
 * inside an encrypted one, or below signatures: encrypted, then signed), keeping the decrypted content byte for byte.
 * Signatures found above an envelope are verified over the ciphertext they cover and reported, never as vouching for
 * the plaintext. Each recipient is decrypted for with his own
 * keys only: when the recipients' keys open different RecipientInfos, or some open none, the mail is split and each
 * group gets its own copy, so nobody receives what was not encrypted for him. Mail (or the part of its recipients)
 * that cannot be decrypted goes on unchanged with an info header saying why, or to {@code failureProcessor}.
 */
public class SmimeDecrypt extends BoundedMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String PREFIX = "prefix";
    static final String ALLOW_LEGACY = "allowLegacyAlgorithms";
    static final String FAILURE_PROCESSOR = "failureProcessor";
    static final String AUTHSERV_ID = "authservId";
    static final String MAX_LAYERS = "maxLayers";
    static final String MAX_MESSAGE_SIZE = "maxMessageSize";
    static final String MAX_SIGNERS = "maxSigners";
    /** Integer attribute: how many layers this mailet removed, so later info headers keep their level numbers. */
    static final String DECRYPTED_LAYERS = "smimegateway.decryptedLayers";
    /**
     * Integer attribute: how many levels this mailet stamped headers for (one more than it removed when the last
     * layer stayed encrypted), so {@code SmimeVerify} does not report them a second time.
     */
    static final String REPORTED_LAYERS = "smimegateway.reportedLayers";

    static final int DEFAULT_MAX_LAYERS = 4;
    static final int MAX_LAYERS_LIMIT = 32;
    static final long DEFAULT_MAX_MESSAGE_SIZE = 100L * 1024 * 1024;

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeDecrypt.class);

    private String prefix;
    private Optional<String> failureProcessor;
    private String authservId;
    private long maxMessageSize;
    private int maxLayers;
    private RecipientDecryption decryption;
    private SecurityInfoHeaders infoHeaders;
    private SignaturesOverEnvelope overEnvelope;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public SmimeDecrypt() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public SmimeDecrypt(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        // The JCA provider is chosen and logged once, at James's start rather than at the first mail.
        CryptoProviders.active();
        checkInitParameters(withBoundedParameters(Set.of(KEYSTORE, KEYSTORE_NAME,
            PREFIX, ALLOW_LEGACY, FAILURE_PROCESSOR, AUTHSERV_ID,
            MAX_LAYERS, MAX_MESSAGE_SIZE, MAX_SIGNERS)));
        Parameters parameters = new Parameters(getMailetConfig());
        KeystoreProvider keystore = GatewayKeystores.load(KEYSTORE,
            parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION), parameters.text(KEYSTORE_NAME, "default"));
        prefix = parameters.parsed(PREFIX, SecurityInfoHeaders.DEFAULT_PREFIX, SmimeDecrypt::checkedPrefix);
        boolean allowLegacy = parameters.bool(ALLOW_LEGACY, false);
        failureProcessor = parameters.optional(FAILURE_PROCESSOR);
        authservId = parameters.optional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
        maxLayers = parameters.integer(MAX_LAYERS, DEFAULT_MAX_LAYERS, 1, MAX_LAYERS_LIMIT);
        int maxSigners = parameters.integer(MAX_SIGNERS, SmimeVerifier.DEFAULT_MAX_SIGNERS, 1,
            SmimeVerifier.MAX_SIGNERS_LIMIT);
        maxMessageSize = parameters.size(MAX_MESSAGE_SIZE, DEFAULT_MAX_MESSAGE_SIZE);
        decryption = new RecipientDecryption(keystore::decryptionKeys, allowLegacy, maxLayers);
        infoHeaders = new SecurityInfoHeaders(prefix);
        overEnvelope = new SignaturesOverEnvelope(new SmimeVerifier(keystore::validate, false, maxSigners));
    }

    static String checkedPrefix(String prefix) {
        new SecurityInfoHeaders(prefix);
        return prefix;
    }

    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
        if (mail.getAttribute(AttributeName.of(REPORTED_LAYERS)).isPresent()) {
            // A copy this mailet split off and already stamped.
            return;
        }
        MimeMessage original = mail.getMessage();
        boolean encrypted = RecipientDecryption.isEncrypted(original);
        if (mail.getMessageSize() > maxMessageSize) {
            if (encrypted) {
                leaveTooLarge(mail);
            }
            return;
        }
        Optional<SignaturesOverEnvelope.Found> signed = Optional.empty();
        if (!encrypted) {
            signed = signaturesOverEnvelope(mail);
            if (signed.isEmpty()) {
                return;
            }
        }
        MimeMessage envelope = signed.map(SignaturesOverEnvelope.Found::envelope).orElse(original);
        List<RecipientDecryption.Branch> branches;
        try {
            // A branch that opened nothing keeps the mail exactly as it came, signatures around the envelope included.
            branches = decryption.open(envelope, List.copyOf(mail.getRecipients())).stream()
                .map(b -> b.message() == envelope ? new RecipientDecryption.Branch(b.recipients(), original, b.outcomes()) : b)
                .toList();
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the encrypted message", e);
        }
        // The mail itself keeps the branch still holding the original message (no copy of its bytes needed), else
        // the first; every other branch becomes a mail of its own with a message of its own.
        RecipientDecryption.Branch kept = branches.stream().filter(b -> b.message() == original).findFirst()
            .orElse(branches.get(0));
        Set<MimeMessage> used = Collections.newSetFromMap(new IdentityHashMap<>());
        used.add(kept.message());
        for (RecipientDecryption.Branch branch : branches) {
            if (branch == kept) {
                continue;
            }
            Mail copy = mail.duplicate();
            copy.setRecipients(branch.recipients());
            MimeMessage message = used.add(branch.message()) ? branch.message() : privateCopy(branch.message());
            stamp(copy, original, new RecipientDecryption.Branch(branch.recipients(), message, branch.outcomes()), signed);
            String state = branch.decrypted() ? currentState(mail) : failureProcessor.orElse(currentState(mail));
            getMailetContext().sendMail(copy, state);
            LOGGER.info("Mail {}: recipients {} split off to processor {}", mail.getName(), branch.recipients(), state);
        }
        mail.setRecipients(kept.recipients());
        stamp(mail, original, kept, signed);
        route(mail, kept.decrypted());
    }

    /** Bounded work per mail: too large to open here, so it stays as it came, with the reason. */
    private void leaveTooLarge(Mail mail) throws MessagingException {
        String reason = "not decrypted: larger than " + MAX_MESSAGE_SIZE + " (" + maxMessageSize + " bytes)";
        mail.getMessage().addHeader(prefix + "Decryption-Failed-0", reason);
        mail.getMessage().addHeader(prefix + "Decryption-Reason-0", "too-large");
        SecurityAttributeWriter.flag(mail, SecurityAttributes.ENCRYPTED, true);
        SecurityAttributeWriter.flag(mail, SecurityAttributes.DECRYPTED, false);
        SecurityAttributeWriter.number(mail, DECRYPTED_LAYERS, 0);
        SecurityAttributeWriter.number(mail, REPORTED_LAYERS, 1);
        LOGGER.info("Mail {}: left encrypted: {}", mail.getName(), reason);
        notDecrypted(mail, mail.getRecipients(), reason);
        route(mail, false);
    }

    private void notDecrypted(Mail mail, Collection<MailAddress> recipients, String reason) {
        count("not_decrypted");
        MailAudit.event("mail.not_decrypted", shortName(), mail, recipients).with("reason", reason)
            .with("processor", failureProcessor.orElse(currentState(mail))).log();
    }

    /** An envelope below signature layers only (encrypted, then signed), with those signatures verified. */
    private Optional<SignaturesOverEnvelope.Found> signaturesOverEnvelope(Mail mail) throws MessagingException {
        try {
            return overEnvelope.below(mail.getMessage(), 0, maxLayers);
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the signed message", e);
        }
    }

    /** Puts one branch on a mail: its message, info headers for every layer it met, and the attributes. */
    private void stamp(Mail mail, MimeMessage original, RecipientDecryption.Branch branch,
                       Optional<SignaturesOverEnvelope.Found> signed) throws MessagingException {
        if (branch.message() != original) {
            // Headers inside the ciphertext surface now: none of them may pose as our verdict.
            try {
                mail.setMessage(VerdictHeaders.cleaned(original, branch.message(), prefix, authservId));
            } catch (IOException e) {
                throw new MessagingException("Mail " + mail.getName() + ": cannot rebuild the decrypted message", e);
            }
        }
        // Signatures over the envelope keep their levels: encryption levels count from below them.
        int peeled = signed.map(found -> found.signatures().size()).orElse(0);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (branch.decrypted()) {
            // Taken off with the envelope, so SmimeVerify never sees them: reported here, over the ciphertext.
            signed.ifPresent(found -> headers.addAll(infoHeaders.renderOverCiphertext(found.signatures(), 0)));
        }
        for (int level = 0; level < branch.outcomes().size(); level++) {
            headers.addAll(describe(peeled + level, branch.outcomes().get(level)));
        }
        SecurityAttributeWriter.headers(mail.getMessage(), headers);
        SecurityAttributeWriter.flag(mail, SecurityAttributes.ENCRYPTED, true);
        SecurityAttributeWriter.flag(mail, SecurityAttributes.DECRYPTED, branch.decrypted());
        SecurityAttributeWriter.number(mail, DECRYPTED_LAYERS, branch.decryptedLayers() > 0 ? peeled + branch.decryptedLayers() : 0);
        SecurityAttributeWriter.number(mail, REPORTED_LAYERS, peeled + branch.outcomes().size());
        if (branch.decrypted()) {
            LOGGER.info("Mail {}: decrypted {} layer(s) for {}", mail.getName(), branch.decryptedLayers(),
                branch.recipients());
            count("decrypted");
            MailAudit.event("mail.decrypted", shortName(), mail, branch.recipients())
                .with("layers", branch.decryptedLayers()).log();
        } else {
            LOGGER.info("Mail {}: left encrypted for {}: {}", mail.getName(), branch.recipients(),
                branch.last().reason());
            notDecrypted(mail, branch.recipients(), branch.last().reason());
        }
    }

    private void route(Mail mail, boolean decrypted) {
        if (!decrypted) {
            failureProcessor.ifPresent(mail::setState);
        }
    }

    /** The processor this mailet runs in, where split-off copies continue. */
    private static String currentState(Mail mail) {
        return Optional.ofNullable(mail.getState()).orElse(Mail.DEFAULT);
    }

    private static MimeMessage privateCopy(MimeMessage message) throws MessagingException {
        try {
            return MimeEntities.parse(MimeEntities.bytes(message));
        } catch (IOException e) {
            throw new MessagingException("cannot copy a message", e);
        }
    }

    private List<Map.Entry<String, String>> describe(int level, DecryptOutcome outcome) {
        return infoHeaders.renderEncrypted(SecurityLayer.Encrypted.of(level, outcome), level);
    }

    @Override
    public String getMailetInfo() {
        return "Decrypts S/MIME mail for local recipients";
    }
}
