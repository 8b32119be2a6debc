package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.Providers;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/**
 * Decrypts one {@code application/(x-)pkcs7-mime} enveloped-data or authEnveloped-data layer with whichever of the
 * gateway's keys its RecipientInfos name. Legacy ciphers are refused unless allowed by name. For AES-GCM the
 * plaintext is only released after the tag verified (Bouncy Castle checks it before returning the content).
 */
public final class SmimeDecryptor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeDecryptor.class);
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private final Function<KeySelector, List<DecryptionKey>> keys;
    private final boolean allowLegacyAlgorithms;

    public SmimeDecryptor(Function<KeySelector, List<DecryptionKey>> keys, boolean allowLegacyAlgorithms) {
        this.keys = keys;
        this.allowLegacyAlgorithms = allowLegacyAlgorithms;
    }

    public DecryptOutcome decrypt(MimeMessage message) throws MessagingException, IOException {
        Optional<DecryptOutcome> streamed = decryptStreaming(message);
        if (streamed.isPresent()) {
            return streamed.get();
        }
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfos.read(message);
        } catch (IOException e) {
            return new DecryptOutcome.Corrupt("not a CMS structure: " + e.getMessage());
        }
        boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(contentInfo.getContentType());
        try {
            if (authenticated) {
                CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(contentInfo);
                return open(message, data.getRecipientInfos(), data.getEncryptionAlgOID(), true);
            }
            if (CMSObjectIdentifiers.envelopedData.equals(contentInfo.getContentType())) {
                CMSEnvelopedData data = new CMSEnvelopedData(contentInfo);
                return open(message, data.getRecipientInfos(), data.getEncryptionAlgOID(), false);
            }
            return new DecryptOutcome.Corrupt("CMS content type " + contentInfo.getContentType() + " is not enveloped data");
        } catch (CMSException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            // As in decryptStreaming: Bouncy Castle reports some malformed structures (a RecipientInfo of unknown
            // kind: "unknown tag") with unchecked exceptions.
            return new DecryptOutcome.Corrupt(e.getMessage());
        }
    }

    /**
     * EnvelopedData (AES-CBC, the common case) is parsed as it is decoded: the recipient infos first, then the
     * ciphertext straight through the cipher into the result, never held whole. Empty for anything else, which
     * {@link #decrypt} reads as one structure (AuthEnvelopedData must be whole before its tag can be checked).
     */
    private Optional<DecryptOutcome> decryptStreaming(MimeMessage message) throws MessagingException, IOException {
        if (SmimeClassifier.sniff(message) != SmimeKind.ENVELOPED) {
            return Optional.empty();
        }
        int limit = message.getSize() > 0 ? message.getSize() : Integer.MAX_VALUE;
        try (InputStream body = MimeEntities.decodedBody(message)) {
            // The bounded ASN1InputStream is how Bouncy Castle's stream parser learns the limit for every length.
            try {
                CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(new ASN1InputStream(body, limit));
                return Optional.of(open(message, parser.getRecipientInfos(), parser.getEncryptionAlgOID(), false));
            } catch (CMSException | IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
                return Optional.of(new DecryptOutcome.Corrupt("not a CMS structure: " + e.getMessage()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private DecryptOutcome open(MimeMessage message, RecipientInformationStore store, String algorithmOid, boolean authenticated)
        throws MessagingException {
        String algorithm = Algorithms.name(algorithmOid);
        List<String> recipients = new ArrayList<>();
        for (RecipientInformation info : store.getRecipients()) {
            recipients.add(describe(info.getRID()));
        }
        if (!Algorithms.isKnown(algorithmOid)) {
            LOGGER.debug("Unsupported content encryption {}", algorithmOid);
            return new DecryptOutcome.UnsupportedAlgorithm(algorithmOid);
        }
        if (Algorithms.isBroken(algorithmOid) || Algorithms.isLegacy(algorithmOid) && !allowLegacyAlgorithms) {
            LOGGER.debug("Refusing {} content encryption", algorithm);
            return new DecryptOutcome.LegacyAlgorithmRefused(algorithm);
        }
        String lastFailure = null;
        for (RecipientInformation info : store.getRecipients()) {
            for (KeySelector selector : selectors(info.getRID())) {
                for (DecryptionKey key : keys.apply(selector)) {
                    try {
                        MimeMessage plaintext = decrypted(message, info, key, authenticated, algorithmOid);
                        return new DecryptOutcome.Decrypted(plaintext, algorithm,
                            Algorithms.keyTransportName(info.getKeyEncryptionAlgorithm()), authenticated, recipients);
                    } catch (CMSException | IOException e) {
                        if (authenticated && isTagFailure(e)) {
                            return new DecryptOutcome.TagFailure(e.getMessage());
                        }
                        lastFailure = e.getMessage();
                    }
                }
            }
        }
        LOGGER.debug("No usable key among {} recipient infos ({}); last failure: {}", recipients.size(), algorithm,
            lastFailure);
        return lastFailure == null
            ? new DecryptOutcome.NoKey(algorithm, recipients)
            : new DecryptOutcome.Corrupt("key found but decryption failed: " + lastFailure);
    }

    /**
     * Streams the plaintext into the buffer the decrypted message is parsed from. For AES-GCM the tag is checked
     * when the stream ends; a failure throws and the buffer, never handed out, is dropped with whatever it held.
     */
    private static MimeMessage decrypted(MimeMessage message, RecipientInformation info, DecryptionKey key,
                                         boolean authenticated, String algorithmOid) throws CMSException, IOException, MessagingException {
        CMSTypedStream plaintext = info.getContentStream(recipientFor(info, key, authenticated, algorithmOid));
        MimeMessage decrypted = MimeEntities.withEntity(message, Math.max(0, message.getSize()) / 4 * 3, out -> {
            try (InputStream in = plaintext.getContentStream()) {
                in.transferTo(out);
            }
        });
        HeaderProtection.unwrapDecrypted(decrypted);
        return decrypted;
    }

    private static boolean isTagFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String text = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (name.contains("AEADBadTag") || text.contains("mac check") || text.contains("tag mismatch")) {
                return true;
            }
        }
        return false;
    }

    private static Recipient recipientFor(RecipientInformation info, DecryptionKey key, boolean authenticated,
                                          String algorithmOid) {
        if (info.getRID() instanceof KeyAgreeRecipientId) {
            return new JceKeyAgreeEnvelopedRecipient(key.privateKey()).setProvider(Providers.BC);
        }
        // RSA PKCS#1 v1.5 unwrapping by the native provider when in use; OAEP (its parameters are looked up by name)
        // and everything else by the JDK, whose RSA is the faster of the two Java ones.
        Optional<Provider> unwrapping = info instanceof KeyTransRecipientInformation keyTrans
            && RSA_ENCRYPTION.equals(keyTrans.getKeyEncryptionAlgOID())
            ? CryptoProviders.offering("Cipher", "RSA/ECB/PKCS1Padding") : Optional.empty();
        if (!authenticated && CbcKeyTransRecipient.ALGORITHMS.contains(algorithmOid)) {
            if (unwrapping.isEmpty()) {
                return new CbcKeyTransRecipient(key.privateKey());
            }
            CbcKeyTransRecipient recipient = new CbcKeyTransRecipient(CryptoProviders.nativeKey(unwrapping.get(), key.privateKey()));
            recipient.setProvider(unwrapping.get());
            return recipient;
        }
        // GCM content goes through Bouncy Castle, legacy ciphers (3DES, RC2) through the JDK. Setting the unwrapping
        // provider sets the content provider too, so the native one unwraps only where Bouncy Castle's replaces it.
        if (authenticated && unwrapping.isPresent()) {
            JceKeyTransEnvelopedRecipient recipient = new JceKeyTransEnvelopedRecipient(
                CryptoProviders.nativeKey(unwrapping.get(), key.privateKey()));
            recipient.setProvider(unwrapping.get());
            recipient.setContentProvider(Providers.BC);
            return recipient;
        }
        JceKeyTransEnvelopedRecipient recipient = new JceKeyTransEnvelopedRecipient(key.privateKey());
        if (authenticated) {
            recipient.setContentProvider(Providers.BC);
        }
        return recipient;
    }

    static List<KeySelector> selectors(RecipientId id) {
        List<KeySelector> selectors = new ArrayList<>();
        X500Name issuer = null;
        BigInteger serial = null;
        byte[] ski = null;
        if (id instanceof KeyTransRecipientId kt) {
            issuer = kt.getIssuer();
            serial = kt.getSerialNumber();
            ski = kt.getSubjectKeyIdentifier();
        } else if (id instanceof KeyAgreeRecipientId ka) {
            issuer = ka.getIssuer();
            serial = ka.getSerialNumber();
            ski = ka.getSubjectKeyIdentifier();
        }
        if (issuer != null && serial != null) {
            try {
                selectors.add(new KeySelector.IssuerAndSerial(new X500Principal(issuer.getEncoded()), serial));
            } catch (IOException e) {
                // An unencodable issuer cannot name any of our keys.
            }
        }
        Optional.ofNullable(ski).ifPresent(k -> selectors.add(new KeySelector.SubjectKeyId(k)));
        return selectors;
    }

    static String describe(RecipientId id) {
        if (id instanceof KeyTransRecipientId kt) {
            return describe(kt.getIssuer(), kt.getSerialNumber(), kt.getSubjectKeyIdentifier());
        }
        if (id instanceof KeyAgreeRecipientId ka) {
            return describe(ka.getIssuer(), ka.getSerialNumber(), ka.getSubjectKeyIdentifier());
        }
        return id.getClass().getSimpleName();
    }

    static String describe(X500Name issuer, BigInteger serial, byte[] ski) {
        if (issuer != null && serial != null) {
            return "issuer=\"" + DistinguishedNames.rfc4514(issuer) + "\", serial=" + serial.toString(16);
        }
        return ski == null ? "unknown" : "ski=" + HexFormat.of().formatHex(ski);
    }

}
