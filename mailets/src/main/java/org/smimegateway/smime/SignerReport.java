package org.smimegateway.smime;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * One SignerInfo of one signature layer.
 *
 * @param index          position among the layer's signers
 * @param signerId       issuer and serial (or subject key identifier) of the signer's certificate
 * @param emails         e-mail addresses in the signer's certificate
 * @param verified       the signature is cryptographically valid over exactly the delivered content
 * @param verifyInfo     why not, when not verified
 * @param fromMatches    one of {@code emails} is the message's From address
 * @param trust          path validation of the signer's certificate
 * @param certificate    the signer's certificate, when the signature carried it
 * @param carried        every certificate the signature carried
 */
public record SignerReport(int index, String signerId, List<String> emails, boolean verified, String verifyInfo,
                           boolean fromMatches, TrustVerdict trust, Optional<X509Certificate> certificate,
                           List<X509Certificate> carried) {
    public SignerReport {
        Objects.requireNonNull(signerId, "signerId");
        emails = List.copyOf(emails);
        carried = List.copyOf(carried);
        Objects.requireNonNull(verifyInfo, "verifyInfo");
        Objects.requireNonNull(trust, "trust");
    }

    /** Trusted only when verified, the chain is trusted and the certificate belongs to the From address. */
    public boolean trusted() {
        return verified && fromMatches && trust.isTrusted();
    }

    public String trustInfo() {
        if (!verified) {
            return "signature not verified: " + verifyInfo;
        }
        if (trust instanceof TrustVerdict.Untrusted u) {
            return "untrusted: " + u.reason();
        }
        if (trust instanceof TrustVerdict.Revoked r) {
            return "revoked: " + r.reason();
        }
        if (trust instanceof TrustVerdict.Unknown u) {
            return "revocation unknown: " + u.reason();
        }
        if (!fromMatches) {
            return "signer " + emails + " does not match From";
        }
        return "ok";
    }
}
