package org.smimegateway.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;
import org.smimegateway.smime.DecryptOutcome;
import org.smimegateway.smime.SecurityInfoHeaders;
import org.smimegateway.smime.SignaturesOverEnvelope;
import org.smimegateway.smime.SmimeDecryptor;
import org.smimegateway.smime.SmimeVerifier;

/**
 * Decrypts incoming mail for local recipients whose keys the gateway holds, layer after layer (an encrypted message
 * inside an encrypted one, or below signatures: encrypted, then signed), keeping the decrypted content byte for byte.
 * Only keys issued to one of the mail's recipients are used, so nobody receives what was not encrypted for them.
 * Mail that cannot be decrypted goes on unchanged with an info header saying why, or to {@code failureProcessor}.
 */
public class SmimeDecrypt extends GenericMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String PREFIX = "prefix";
    static final String ALLOW_LEGACY = "allowLegacyAlgorithms";
    static final String FAILURE_PROCESSOR = "failureProcessor";
    static final String AUTHSERV_ID = "authservId";
    /** Integer attribute: how many layers this mailet removed, so later info headers keep their level numbers. */
    static final String DECRYPTED_LAYERS = "smimegateway.decryptedLayers";

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeDecrypt.class);
    private static final int MAX_LAYERS = 4;

    private KeystoreProvider keystore;
    private String prefix;
    private boolean allowLegacy;
    private Optional<String> failureProcessor;
    private String authservId;
    private SecurityInfoHeaders infoHeaders;
    private SignaturesOverEnvelope overEnvelope;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(KEYSTORE, KEYSTORE_NAME, PREFIX, ALLOW_LEGACY, FAILURE_PROCESSOR, AUTHSERV_ID));
        Parameters parameters = new Parameters(getMailetConfig());
        keystore = GatewayKeystores.load(KEYSTORE, parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION),
            parameters.text(KEYSTORE_NAME, "default"));
        prefix = parameters.text(PREFIX, SecurityInfoHeaders.DEFAULT_PREFIX);
        infoHeaders = new SecurityInfoHeaders(prefix);
        overEnvelope = new SignaturesOverEnvelope(new SmimeVerifier(keystore::validate));
        allowLegacy = parameters.bool(ALLOW_LEGACY, false);
        failureProcessor = parameters.optional(FAILURE_PROCESSOR);
        authservId = parameters.optional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage current = mail.getMessage();
        Optional<SignaturesOverEnvelope.Found> signed = Optional.empty();
        if (!isEncrypted(current)) {
            signed = signaturesOverEnvelope(mail);
            if (signed.isEmpty()) {
                return;
            }
            current = signed.get().envelope();
        }
        // Signatures over the envelope keep their levels: encryption levels count from below them.
        int peeled = signed.map(found -> found.signatures().size()).orElse(0);
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString)
            .map(a -> a.toLowerCase(Locale.ROOT)).toList();
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> keysOf(selector, recipients), allowLegacy);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int level = 0;
        DecryptOutcome last = null;
        try {
            while (level < MAX_LAYERS && isEncrypted(current)) {
                last = decryptor.decrypt(current);
                headers.addAll(describe(peeled + level, last));
                if (!(last instanceof DecryptOutcome.Decrypted decrypted)) {
                    break;
                }
                current = decrypted.message();
                level++;
            }
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the encrypted message", e);
        }
        SecurityAttributeWriter.flag(mail, SecurityAttributes.ENCRYPTED, true);
        boolean decrypted = last instanceof DecryptOutcome.Decrypted;
        SecurityAttributeWriter.flag(mail, SecurityAttributes.DECRYPTED, decrypted);
        SecurityAttributeWriter.number(mail, DECRYPTED_LAYERS, level > 0 ? peeled + level : 0);
        if (level > 0) {
            // Taken off with the envelope, so SmimeVerify never sees them: reported here, over the ciphertext.
            signed.ifPresent(found -> headers.addAll(0, infoHeaders.renderOverCiphertext(found.signatures(), 0)));
            // Headers inside the ciphertext surface now: none of them may pose as our verdict.
            try {
                mail.setMessage(VerdictHeaders.cleaned(mail.getMessage(), current, prefix, authservId));
            } catch (IOException e) {
                throw new MessagingException("Mail " + mail.getName() + ": cannot rebuild the decrypted message", e);
            }
        }
        SecurityAttributeWriter.headers(mail.getMessage(), headers);
        if (decrypted) {
            LOGGER.info("Mail {}: decrypted {} layer(s) for {}", mail.getName(), level, recipients);
        } else {
            LOGGER.info("Mail {}: left encrypted: {}", mail.getName(), last.reason());
            failureProcessor.ifPresent(mail::setState);
        }
    }

    /** An envelope below signature layers only (encrypted, then signed), with those signatures verified. */
    private Optional<SignaturesOverEnvelope.Found> signaturesOverEnvelope(Mail mail) throws MessagingException {
        try {
            return overEnvelope.below(mail.getMessage(), 0, MAX_LAYERS);
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the signed message", e);
        }
    }

    private List<Map.Entry<String, String>> describe(int level, DecryptOutcome outcome) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String algorithm = "unknown";
        List<String> rids = List.of();
        if (outcome instanceof DecryptOutcome.Decrypted d) {
            algorithm = d.algorithm();
            rids = d.recipients();
        } else if (outcome instanceof DecryptOutcome.NoKey n) {
            algorithm = n.algorithm();
            rids = n.recipients();
        } else if (outcome instanceof DecryptOutcome.LegacyAlgorithmRefused l) {
            algorithm = l.algorithm();
        }
        headers.add(Map.entry(prefix + "Encryption-Algorithm-" + level, algorithm));
        for (int i = 0; i < rids.size(); i++) {
            headers.add(Map.entry(prefix + "Encryption-Recipient-" + i + "-" + level, rids.get(i)));
        }
        if (!(outcome instanceof DecryptOutcome.Decrypted)) {
            headers.add(Map.entry(prefix + "Decryption-Failed-" + level, outcome.reason()));
        }
        return headers;
    }

    private List<DecryptionKey> keysOf(KeySelector selector, List<String> recipients) {
        return keystore.decryptionKeys(selector).stream().filter(key -> belongsToOneOf(key, recipients)).toList();
    }

    private static boolean belongsToOneOf(DecryptionKey key, List<String> recipients) {
        try {
            X509CertificateHolder holder = new X509CertificateHolder(key.certificate().getEncoded());
            return org.smimegateway.smime.CertificateEmails.of(holder).stream().anyMatch(recipients::contains);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isEncrypted(MimeMessage message) throws MessagingException {
        SmimeKind kind = SmimeClassifier.classify(message);
        return kind == SmimeKind.ENVELOPED || kind == SmimeKind.AUTH_ENVELOPED;
    }

    @Override
    public String getMailetInfo() {
        return "Decrypts S/MIME mail for local recipients";
    }
}
