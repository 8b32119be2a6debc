package org.smimegateway.smime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/**
 * Walks the S/MIME layers of an incoming message from the outside in: decrypts what the gateway's keys open,
 * verifies every signature, unwraps opaque signatures (their content is what the reader sees), and leaves a
 * clear-signed message as it is while still looking inside it. An envelope below signatures (encrypted, then signed)
 * is opened too: those signatures are reported over the ciphertext they cover and never vouch for the plaintext. A
 * signature found only below unsigned MIME is reported as a partial signature, never as a signed message.
 */
public final class SmimeInspector {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeInspector.class);
    /** Layers inspected by default; real mail has up to three (signed, encrypted, signed). */
    public static final int DEFAULT_MAX_LAYERS = 8;
    private static final int MAX_LAYERS_LIMIT = 32;
    /** How deep unsigned MIME is searched for a signed part (partial signatures). */
    private static final int MAX_MIME_DEPTH = 16;
    /** Reports algorithm and recipients of an envelope it must not open: it holds no key. */
    private static final SmimeDecryptor KEYLESS = new SmimeDecryptor(selector -> List.of(), true);

    private final Optional<SmimeDecryptor> decryptor;
    private final SmimeVerifier verifier;
    private final SignaturesOverEnvelope overEnvelope;
    private final int maxLayers;

    /** @param decryptor empty to only verify (encrypted layers are reported, not opened) */
    public SmimeInspector(Optional<SmimeDecryptor> decryptor, SmimeVerifier verifier) {
        this(decryptor, verifier, DEFAULT_MAX_LAYERS);
    }

    /** @param maxLayers S/MIME layers looked at before the rest is reported as too deep (1 to 32) */
    public SmimeInspector(Optional<SmimeDecryptor> decryptor, SmimeVerifier verifier, int maxLayers) {
        if (maxLayers < 1 || maxLayers > MAX_LAYERS_LIMIT) {
            throw new IllegalArgumentException("maxLayers must be 1 to " + MAX_LAYERS_LIMIT + ", not " + maxLayers);
        }
        this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.overEnvelope = new SignaturesOverEnvelope(verifier);
        this.maxLayers = maxLayers;
    }

    public InspectionResult inspect(MimeMessage message) throws MessagingException, IOException {
        List<SecurityLayer> layers = new ArrayList<>();
        MimeMessage current = message;
        // Signatures taken off to reach an envelope are put back when it stays shut: the mail then goes on as sent.
        MimeMessage beforeUnwrapping = null;
        int level = 0;
        while (true) {
            SmimeKind kind = SmimeClassifier.classify(current);
            if (level == maxLayers) {
                tooDeep(kind, level).ifPresent(layers::add);
                break;
            }
            if (kind == SmimeKind.MULTIPART_SIGNED && decryptor.isPresent()) {
                // Encrypted, then clear-signed: the signatures cover the ciphertext only, and the reader needs what is
                // inside. (Opaque signatures are unwrapped anyway, and an envelope found below them opened as usual.)
                Optional<SignaturesOverEnvelope.Found> found = overEnvelope.below(current, level, maxLayers - level - 1);
                if (found.isPresent()) {
                    layers.addAll(found.get().signatures());
                    level += found.get().signatures().size();
                    beforeUnwrapping = current;
                    current = found.get().envelope();
                    continue;
                }
            }
            if (kind.isEncrypted()) {
                DecryptOutcome outcome = decryptor.orElse(KEYLESS).decrypt(current);
                layers.add(encryptedLayer(level, outcome));
                if (!(outcome instanceof DecryptOutcome.Decrypted decrypted)) {
                    if (beforeUnwrapping != null) {
                        current = beforeUnwrapping;
                    }
                    break;
                }
                beforeUnwrapping = null;
                current = decrypted.message();
                level++;
            } else if (kind == SmimeKind.OPAQUE_SIGNED) {
                SmimeVerifier.Checked checked = verifier.verifyOpaque(current, level);
                layers.add(checked.layer());
                if (checked.content().length == 0) {
                    break;
                }
                current = checked.delivered();
                level++;
            } else if (kind == SmimeKind.MULTIPART_SIGNED) {
                SmimeVerifier.Checked checked = verifier.verifyClearSigned(current, level);
                layers.add(checked.layer());
                // Look inside for further signatures (triple wrapping); the delivered message stays as signed.
                if (mayCarryLayers(checked.content())) {
                    inspectNested(MimeEntities.withEntity(current, checked.content()), level + 1, layers);
                }
                break;
            } else {
                partialSignature(current, 0).ifPresent(where -> layers.add(SecurityLayer.Signed.refused(layers.size(),
                    false, SmimeVerdict.partiallySigned(where))));
                break;
            }
        }
        if (LOGGER.isDebugEnabled()) {
            LOGGER.debug("Message-ID {}: layers {}", message.getMessageID(), layers.stream().map(SmimeInspector::summary).toList());
        }
        return new InspectionResult(current, layers);
    }

    private static String summary(SecurityLayer layer) {
        if (layer instanceof SecurityLayer.Signed signed) {
            return layer.level() + ":signed(" + signed.signers().size() + " signer(s), verified=" + signed.verified()
                + signed.problem().map(p -> ", " + p.code()).orElse("") + ")";
        }
        SecurityLayer.Encrypted encrypted = (SecurityLayer.Encrypted) layer;
        return layer.level() + ":encrypted(" + encrypted.algorithm() + ", " + encrypted.outcome().getClass().getSimpleName() + ")";
    }

    /**
     * Layers inside a clear-signed entity that is delivered as it is: verified, and encrypted ones reported without
     * being opened (no decryptor, or not reached through signatures alone).
     */
    private void inspectNested(MimeMessage inner, int level, List<SecurityLayer> layers)
        throws MessagingException, IOException {
        SmimeKind kind = SmimeClassifier.classify(inner);
        if (level == maxLayers) {
            tooDeep(kind, level).ifPresent(layers::add);
            return;
        }
        if (kind == SmimeKind.MULTIPART_SIGNED) {
            SmimeVerifier.Checked checked = verifier.verifyClearSigned(inner, level);
            layers.add(checked.layer());
            if (mayCarryLayers(checked.content())) {
                inspectNested(MimeEntities.withEntity(inner, checked.content()), level + 1, layers);
            }
        } else if (kind == SmimeKind.OPAQUE_SIGNED) {
            SmimeVerifier.Checked checked = verifier.verifyOpaque(inner, level);
            layers.add(checked.layer());
            if (checked.content().length > 0) {
                inspectNested(checked.delivered(), level + 1, layers);
            }
        } else if (kind.isEncrypted()) {
            // Encrypted, then signed: the signature covers ciphertext only, never the plaintext within.
            layers.add(encryptedLayer(level, KEYLESS.decrypt(inner)));
        }
    }

    /**
     * Whether a signed entity's headers name an S/MIME type, i.e. whether looking inside is worth a copy of it.
     * Errs on the side of looking: a false positive only costs the copy.
     */
    static boolean mayCarryLayers(byte[] entity) {
        return mayCarryLayers(MimeEntities.headerBlock(entity));
    }

    static boolean mayCarryLayers(String headerBlock) {
        String headers = headerBlock.toLowerCase(Locale.ROOT);
        return headers.contains("pkcs7") || headers.contains("multipart/signed");
    }

    private static Optional<SecurityLayer> tooDeep(SmimeKind kind, int level) {
        SmimeVerdict reason = SmimeVerdict.tooDeep(level);
        if (kind.isSigned()) {
            return Optional.of(SecurityLayer.Signed.refused(level, kind == SmimeKind.OPAQUE_SIGNED, reason));
        }
        if (kind.isEncrypted()) {
            return Optional.of(new SecurityLayer.Encrypted(level, new DecryptOutcome.Corrupt(reason.sentence()), "unknown",
                List.of()));
        }
        return Optional.empty();
    }

    private static SecurityLayer.Encrypted encryptedLayer(int level, DecryptOutcome outcome) {
        return SecurityLayer.Encrypted.of(level, outcome);
    }

    private static Optional<String> partialSignature(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_MIME_DEPTH || !part.isMimeType("multipart/*")) {
            return Optional.empty();
        }
        Object content;
        try {
            content = part.getContent();
        } catch (MessagingException | IOException e) {
            // Unparseable MIME carries no signed part we could point at.
            return Optional.empty();
        }
        if (!(content instanceof Multipart multipart)) {
            return Optional.empty();
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            Part child = multipart.getBodyPart(i);
            SmimeKind kind = SmimeClassifier.classify(child);
            if (kind == SmimeKind.MULTIPART_SIGNED || kind == SmimeKind.OPAQUE_SIGNED) {
                return Optional.of("part " + (i + 1));
            }
            Optional<String> deeper = partialSignature(child, depth + 1);
            if (deeper.isPresent()) {
                return Optional.of("part " + (i + 1) + "." + deeper.get().substring(5));
            }
        }
        return Optional.empty();
    }
}
