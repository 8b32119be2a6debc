package org.smimegateway.smime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.smimegateway.policy.SmimeClassifier;
import org.smimegateway.policy.SmimeKind;

/**
 * Finds an encrypted entity that lies below S/MIME signature layers only: encrypted, then signed (Thunderbird's
 * {@code alice.env.dsig}), or triple wrapped with a second party's signature outside. Such a message can only be read
 * when the signatures are taken off, so they are verified here over what they really cover, the ciphertext, and
 * handed back as layers that never vouch for the plaintext. Each step goes from a signature straight to its own
 * signed entity; an entity that is not S/MIME itself (multipart/mixed, another protocol, ...) ends the search, so
 * nothing below foreign MIME is ever reached. Verification only runs when an envelope was found.
 */
public final class SignaturesOverEnvelope {
    /** Preamble and first part headers of a clear-signed message longer than this are not looked through. */
    private static final int HEADER_LIMIT = 64 * 1024;

    private final SmimeVerifier verifier;

    public SignaturesOverEnvelope(SmimeVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The signature layers from the outside in (levels from {@code level}) and the envelope below them, carrying the
     * envelope headers of {@code message}.
     */
    public record Found(List<SecurityLayer.Signed> signatures, MimeMessage envelope) {
        public Found {
            signatures = List.copyOf(signatures);
        }
    }

    /**
     * @param message   a message whose outermost layer is a signature
     * @param level     the level of that signature
     * @param maxLayers how many signature layers may be taken off at most
     * @return empty unless only signature layers lie between {@code message} and an encrypted entity
     */
    public Optional<Found> below(MimeMessage message, int level, int maxLayers) throws MessagingException, IOException {
        List<MimeMessage> signed = new ArrayList<>();
        MimeMessage current = message;
        SmimeKind kind = SmimeClassifier.classify(current);
        while (kind.isSigned()) {
            if (signed.size() == maxLayers) {
                return Optional.empty();
            }
            Optional<MimeMessage> inner = signedEntity(current, kind);
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            signed.add(current);
            current = inner.get();
            kind = SmimeClassifier.classify(current);
        }
        if (signed.isEmpty() || !kind.isEncrypted()) {
            return Optional.empty();
        }
        List<SecurityLayer.Signed> layers = new ArrayList<>();
        for (MimeMessage layer : signed) {
            int at = level + layers.size();
            layers.add(SmimeClassifier.classify(layer) == SmimeKind.MULTIPART_SIGNED
                ? verifier.verifyClearSigned(layer, at).layer() : verifier.verifyOpaque(layer, at).layer());
        }
        return Optional.of(new Found(layers, current));
    }

    /** The entity a signature signs, as a message with the outer envelope headers; empty when unreadable. */
    private static Optional<MimeMessage> signedEntity(MimeMessage message, SmimeKind kind)
        throws MessagingException, IOException {
        byte[] entity;
        if (kind == SmimeKind.MULTIPART_SIGNED) {
            Optional<String> headers = MultipartSigned.firstPartHeaders(message, HEADER_LIMIT);
            if (headers.isEmpty() || !SmimeInspector.mayCarryLayers(headers.get())) {
                return Optional.empty();
            }
            Optional<byte[][]> parts = MultipartSigned.split(message);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            entity = parts.get()[0];
        } else {
            try {
                CMSSignedData data = new CMSSignedData(ContentInfos.read(message));
                if (data.getSignedContent() == null) {
                    return Optional.empty();
                }
                entity = (byte[]) data.getSignedContent().getContent();
            } catch (IOException | CMSException | RuntimeException e) {
                // Unreadable signed-data hides nothing we could open; the verifier reports it on the normal path.
                return Optional.empty();
            }
        }
        // Most signed mail carries plain content: no copy of it as a message just to find that out.
        return SmimeInspector.mayCarryLayers(entity) ? Optional.of(MimeEntities.withEntity(message, entity)) : Optional.empty();
    }
}
