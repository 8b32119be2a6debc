package org.smimegateway.smime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/**
 * Walks the S/MIME layers of an incoming message from the outside in: decrypts what the gateway's keys open,
 * verifies every signature, unwraps opaque signatures (their content is what the reader sees), and leaves a
 * clear-signed message as it is while still looking inside it. A signature found only below unsigned MIME is
 * reported as a partial signature, never as a signed message.
 */
public final class SmimeInspector {
    private static final int MAX_LAYERS = 8;

    private final Optional<SmimeDecryptor> decryptor;
    private final SmimeVerifier verifier;

    /** @param decryptor empty to only verify (encrypted layers are reported, not opened) */
    public SmimeInspector(Optional<SmimeDecryptor> decryptor, SmimeVerifier verifier) {
        this.decryptor = decryptor;
        this.verifier = verifier;
    }

    public InspectionResult inspect(MimeMessage message) throws MessagingException, IOException {
        List<SecurityLayer> layers = new ArrayList<>();
        MimeMessage current = message;
        for (int level = 0; level < MAX_LAYERS; level++) {
            SmimeKind kind = SmimeClassifier.classify(current);
            if (kind == SmimeKind.ENVELOPED || kind == SmimeKind.AUTH_ENVELOPED) {
                if (decryptor.isEmpty()) {
                    layers.add(new SecurityLayer.Encrypted(level, new DecryptOutcome.NoKey("unknown", List.of()), "unknown", List.of()));
                    break;
                }
                DecryptOutcome outcome = decryptor.get().decrypt(current);
                layers.add(encryptedLayer(level, outcome));
                if (!(outcome instanceof DecryptOutcome.Decrypted decrypted)) {
                    break;
                }
                current = decrypted.message();
            } else if (kind == SmimeKind.OPAQUE_SIGNED) {
                SmimeVerifier.Checked checked = verifier.verifyOpaque(current, level);
                layers.add(checked.layer());
                if (checked.content().length == 0) {
                    break;
                }
                current = MimeEntities.withEntity(current, checked.content());
            } else if (kind == SmimeKind.MULTIPART_SIGNED) {
                SmimeVerifier.Checked checked = verifier.verifyClearSigned(current, level);
                layers.add(checked.layer());
                // Look inside for further signatures (triple wrapping); the delivered message stays as signed.
                if (checked.content().length > 0) {
                    MimeMessage inner = MimeEntities.withEntity(current, checked.content());
                    InspectionResult innerResult = new SmimeInspector(Optional.empty(), verifier).inspectNested(inner, level + 1);
                    layers.addAll(innerResult.layers());
                }
                break;
            } else {
                partialSignature(current).ifPresent(where -> layers.add(new SecurityLayer.Signed(layers.size(), false,
                    List.of(), Optional.of("partially signed: only " + where + " carries a signature"))));
                break;
            }
        }
        return new InspectionResult(current, layers);
    }

    private InspectionResult inspectNested(MimeMessage inner, int level) throws MessagingException, IOException {
        List<SecurityLayer> layers = new ArrayList<>();
        SmimeKind kind = SmimeClassifier.classify(inner);
        if (kind == SmimeKind.MULTIPART_SIGNED) {
            layers.add(verifier.verifyClearSigned(inner, level).layer());
        } else if (kind == SmimeKind.OPAQUE_SIGNED) {
            layers.add(verifier.verifyOpaque(inner, level).layer());
        } else if (kind == SmimeKind.ENVELOPED || kind == SmimeKind.AUTH_ENVELOPED) {
            // Encrypted, then signed: the signature covers ciphertext only, never the plaintext within.
            layers.add(new SecurityLayer.Encrypted(level, new DecryptOutcome.NoKey("unknown", List.of()), "unknown",
                List.of("encrypted content below a signature is not opened")));
        }
        return new InspectionResult(inner, layers);
    }

    private static SecurityLayer.Encrypted encryptedLayer(int level, DecryptOutcome outcome) {
        if (outcome instanceof DecryptOutcome.Decrypted d) {
            return new SecurityLayer.Encrypted(level, outcome, d.algorithm(), d.recipients());
        }
        if (outcome instanceof DecryptOutcome.NoKey n) {
            return new SecurityLayer.Encrypted(level, outcome, n.algorithm(), n.recipients());
        }
        if (outcome instanceof DecryptOutcome.LegacyAlgorithmRefused l) {
            return new SecurityLayer.Encrypted(level, outcome, l.algorithm(), List.of());
        }
        return new SecurityLayer.Encrypted(level, outcome, "unknown", List.of());
    }

    private static Optional<String> partialSignature(Part part) throws MessagingException, IOException {
        if (!part.isMimeType("multipart/*")) {
            return Optional.empty();
        }
        Object content = part.getContent();
        if (!(content instanceof Multipart multipart)) {
            return Optional.empty();
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            Part child = multipart.getBodyPart(i);
            SmimeKind kind = SmimeClassifier.classify(child);
            if (kind == SmimeKind.MULTIPART_SIGNED || kind == SmimeKind.OPAQUE_SIGNED) {
                return Optional.of("part " + (i + 1));
            }
            Optional<String> deeper = partialSignature(child);
            if (deeper.isPresent()) {
                return Optional.of("part " + (i + 1) + "." + deeper.get().substring(5));
            }
        }
        return Optional.empty();
    }
}
