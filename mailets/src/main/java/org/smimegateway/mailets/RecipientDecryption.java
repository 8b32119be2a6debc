package org.smimegateway.mailets;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.smime.DecryptOutcome;
import org.smimegateway.smime.LimitExceededException;
import org.smimegateway.smime.SmimeDecryptor;

/**
 * Opens the encryption layers of one mail separately for groups of its recipients: each recipient only with his own
 * keys, so a recipient for whom the sender made no RecipientInfo never gets the plaintext because another
 * recipient's key opened the envelope. Recipients whose keys answer the same RecipientInfos form one group and share
 * one decryption; those whose keys open nothing keep the encrypted message.
 */
final class RecipientDecryption {

    /**
     * What one group of recipients gets: {@code message} (decrypted as far as their keys went) and the outcome of
     * every layer on the way, outermost first; the last one tells whether the message is plaintext now.
     */
    record Branch(List<MailAddress> recipients, MimeMessage message, List<DecryptOutcome> outcomes) {
        Branch {
            recipients = List.copyOf(recipients);
            outcomes = List.copyOf(outcomes);
        }

        boolean decrypted() {
            return outcomes.get(outcomes.size() - 1) instanceof DecryptOutcome.Decrypted;
        }

        int decryptedLayers() {
            return (int) outcomes.stream().filter(DecryptOutcome.Decrypted.class::isInstance).count();
        }

        DecryptOutcome last() {
            return outcomes.get(outcomes.size() - 1);
        }
    }

    private final BiFunction<KeySelector, String, List<DecryptionKey>> keysOfRecipient;
    private final boolean allowLegacyAlgorithms;
    private final int maxLayers;

    /**
     * @param keysOfRecipient the keys matching a RecipientInfo that belong to one recipient address
     * @param maxLayers       encryption layers opened one inside the other at most
     */
    RecipientDecryption(BiFunction<KeySelector, String, List<DecryptionKey>> keysOfRecipient,
                        boolean allowLegacyAlgorithms, int maxLayers) {
        this.keysOfRecipient = keysOfRecipient;
        this.allowLegacyAlgorithms = allowLegacyAlgorithms;
        this.maxLayers = maxLayers;
    }

    /**
     * The branches of an encrypted message, covering every recipient exactly once, in recipient order.
     *
     * @throws LimitExceededException when a branch is still encrypted after {@code maxLayers} layers
     */
    List<Branch> open(MimeMessage message, List<MailAddress> recipients) throws MessagingException, IOException {
        List<Branch> branches = new ArrayList<>();
        open(message, recipients, List.of(), branches);
        return branches;
    }

    private void open(MimeMessage message, List<MailAddress> recipients, List<DecryptOutcome> path, List<Branch> done)
        throws MessagingException, IOException {
        if (!path.isEmpty() && !isEncrypted(message)) {
            done.add(new Branch(recipients, message, path));
            return;
        }
        if (path.size() == maxLayers) {
            // Still encrypted after every layer we open: not "decrypted", and no half-opened copy goes on.
            throw new LimitExceededException("more than " + maxLayers + " encryption layers (maxLayers): not decrypted");
        }
        // A pass without keys reads the envelope once: the decryptor asks for the keys of every RecipientInfo (none
        // opens, as none is handed out), which is where each recipient's own keys are collected, and its NoKey
        // outcome names algorithm and RecipientInfos for those who hold none.
        Map<MailAddress, Set<DecryptionKey>> keys = new LinkedHashMap<>();
        recipients.forEach(recipient -> keys.put(recipient, new LinkedHashSet<>()));
        DecryptOutcome envelope = new SmimeDecryptor(selector -> {
            recipients.forEach(recipient -> keys.get(recipient).addAll(keysOfRecipient.apply(selector, recipient.asString())));
            return List.of();
        }, allowLegacyAlgorithms).decrypt(message);
        if (!(envelope instanceof DecryptOutcome.NoKey)) {
            // Corrupt, or a refused legacy cipher: no key of anybody changes that.
            done.add(new Branch(recipients, message, append(path, envelope)));
            return;
        }
        Map<Set<X509Certificate>, List<MailAddress>> groups = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            Set<X509Certificate> certificates = new LinkedHashSet<>();
            keys.get(recipient).forEach(key -> certificates.add(key.certificate()));
            groups.computeIfAbsent(certificates, c -> new ArrayList<>()).add(recipient);
        }
        for (Map.Entry<Set<X509Certificate>, List<MailAddress>> group : groups.entrySet()) {
            List<MailAddress> members = group.getValue();
            if (group.getKey().isEmpty()) {
                done.add(new Branch(members, message, append(path, envelope)));
                continue;
            }
            // Every member holds the same keys for these RecipientInfos: the first member's keys are the group's.
            String member = members.get(0).asString();
            DecryptOutcome outcome = new SmimeDecryptor(selector -> keysOfRecipient.apply(selector, member),
                allowLegacyAlgorithms).decrypt(message);
            if (outcome instanceof DecryptOutcome.Decrypted decrypted) {
                open(decrypted.message(), members, append(path, outcome), done);
            } else {
                done.add(new Branch(members, message, append(path, outcome)));
            }
        }
    }

    static boolean isEncrypted(MimeMessage message) throws MessagingException {
        return SmimeClassifier.classify(message).isEncrypted();
    }

    private static List<DecryptOutcome> append(List<DecryptOutcome> path, DecryptOutcome outcome) {
        List<DecryptOutcome> longer = new ArrayList<>(path);
        longer.add(outcome);
        return longer;
    }
}
