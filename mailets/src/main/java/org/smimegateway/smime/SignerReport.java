package org.smimegateway.smime;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * One SignerInfo of one signature layer.
 *
 * @param index          position among the layer's signers
 * @param signerId       issuer (RFC 4514) and serial (or subject key identifier) of the signer's certificate
 * @param emails         e-mail addresses in the signer's certificate, each once
 * @param verifyProblem  why the signature is not cryptographically valid over exactly the delivered content; empty
 *                       when it is
 * @param identity       why the certificate does not vouch for the message's authors ({@link AuthorIdentity});
 *                       empty when it does
 * @param trust          path validation of the signer's certificate
 * @param certificate    the signer's certificate, when the signature carried it
 * @param carried        every certificate the signature carried
 */
public record SignerReport(int index, String signerId, List<String> emails, Optional<SmimeVerdict> verifyProblem,
                           Optional<SmimeVerdict> identity, TrustVerdict trust, Optional<X509Certificate> certificate,
                           List<X509Certificate> carried) {
    public SignerReport {
        Objects.requireNonNull(signerId, "signerId");
        emails = List.copyOf(emails);
        carried = List.copyOf(carried);
        Objects.requireNonNull(verifyProblem, "verifyProblem");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trust, "trust");
    }

    /** The signature is cryptographically valid over exactly the delivered content. */
    public boolean verified() {
        return verifyProblem.isEmpty();
    }

    /** The certificate covers every author address and nothing about the authors is amiss. */
    public boolean fromMatches() {
        return identity.isEmpty();
    }

    /** Trusted only when verified, the chain is trusted and the certificate vouches for every author. */
    public boolean trusted() {
        return verified() && fromMatches() && trust.isTrusted();
    }

    /**
     * This signer's verdict: why the signature failed if it did, else the more severe of the trust and identity
     * problems (identity first among equals: "signed by X, but From shows Y" is what a reader must see), else pass.
     */
    public SmimeVerdict verdict() {
        if (verifyProblem.isPresent()) {
            return verifyProblem.get();
        }
        return SmimeVerdict.worst(Stream.concat(identity.stream(),
                SmimeVerdict.ofTrust(trust, certificate, Instant.now()).stream()))
            .orElseGet(() -> SmimeVerdict.ok(emails));
    }

    /** The sentence for {@code Signer-Trusted-Info}. */
    public String trustInfo() {
        return verdict().sentence();
    }
}
