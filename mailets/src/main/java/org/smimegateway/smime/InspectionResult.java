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

    /** Every signature layer verified (and there is at least one). */
    public boolean verified() {
        return signed() && signatureLayers().stream().allMatch(SecurityLayer.Signed::verified);
    }

    /** Every signature layer verified and trusted for its From address (and there is at least one). */
    public boolean trusted() {
        return signed() && signatureLayers().stream().allMatch(SecurityLayer.Signed::trusted);
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
