package org.smimegateway.smime;

import java.util.List;
import javax.mail.internet.MimeMessage;

/**
 * The message to deliver (decrypted and unwrapped as far as allowed) and what was found on the way, outermost
 * layer first.
 */
public record InspectionResult(MimeMessage message, List<SecurityLayer> layers) {
    public InspectionResult {
        layers = List.copyOf(layers);
    }

    public boolean signed() {
        return layers.stream().anyMatch(SecurityLayer.Signed.class::isInstance);
    }

    /**
     * Every signature layer that covers the delivered plaintext verified (and there is at least one). A signature
     * outside an encryption layer covers only ciphertext (encrypted, then signed: anyone can sign what they
     * intercepted), so it never vouches for what is inside.
     */
    public boolean verified() {
        List<SecurityLayer.Signed> covering = coveringSignatureLayers();
        return !covering.isEmpty() && covering.stream().allMatch(SecurityLayer.Signed::verified);
    }

    /** As {@link #verified()}, and every such signer trusted for its From address. */
    public boolean trusted() {
        List<SecurityLayer.Signed> covering = coveringSignatureLayers();
        return !covering.isEmpty() && covering.stream().allMatch(SecurityLayer.Signed::trusted);
    }

    /** Whether the signature layer is not above any encryption layer, i.e. it signs the plaintext. */
    public boolean coversPlaintext(SecurityLayer.Signed signed) {
        return layers.stream().noneMatch(l -> l instanceof SecurityLayer.Encrypted && l.level() > signed.level());
    }

    /** The signature layers that sign the plaintext, outermost first. */
    public List<SecurityLayer.Signed> coveringSignatureLayers() {
        return signatureLayers().stream().filter(this::coversPlaintext).toList();
    }

    /**
     * The message's verdict: {@code none} when unsigned; when only ciphertext was signed, that (policy) unless a
     * signature over it failed; else the most severe verdict among the signatures that cover the plaintext. It is a
     * pass exactly when {@link #trusted()}.
     */
    public SmimeVerdict verdict() {
        if (!signed()) {
            return SmimeVerdict.notSigned();
        }
        List<SecurityLayer.Signed> covering = coveringSignatureLayers();
        if (covering.isEmpty()) {
            List<SecurityLayer.Signed> all = signatureLayers();
            if (all.stream().allMatch(SecurityLayer.Signed::verified)) {
                return SmimeVerdict.coversCiphertextOnly();
            }
            return SmimeVerdict.worst(all.stream().map(SecurityLayer.Signed::verdict)).orElseThrow();
        }
        return SmimeVerdict.worst(covering.stream().map(SecurityLayer.Signed::verdict)).orElseThrow();
    }

    public boolean encrypted() {
        return layers.stream().anyMatch(SecurityLayer.Encrypted.class::isInstance);
    }

    public boolean decrypted() {
        return encrypted() && layers.stream().filter(SecurityLayer.Encrypted.class::isInstance)
            .map(SecurityLayer.Encrypted.class::cast).allMatch(SecurityLayer.Encrypted::decrypted);
    }

    public List<SecurityLayer.Signed> signatureLayers() {
        return layers.stream().filter(SecurityLayer.Signed.class::isInstance).map(SecurityLayer.Signed.class::cast).toList();
    }
}
