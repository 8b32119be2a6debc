package org.smimegateway.keystore;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * Everything the gateway asks about keys, certificates and trust. Implementations are thread-safe and cache.
 * Addresses are compared case-insensitively; {@code user+tag@domain} falls back to {@code user@domain}.
 */
public interface KeystoreProvider {

    /** The best usable signing key, certificate and chain for a sender address. */
    Lookup<SigningIdentity> signingIdentity(String senderAddress);

    /** All currently usable encryption certificates for a recipient address, best first, and the rejected ones. */
    Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress);

    /** Every private key matching a CMS recipient identifier (several when a user has old and new keys). */
    List<DecryptionKey> decryptionKeys(KeySelector selector);

    /**
     * The keys of {@link #decryptionKeys(KeySelector)} that belong to one recipient, so that decrypting for one user
     * never uses another user's key. This default counts a key as the recipient's when its certificate is issued for
     * the address (or its untagged form); stores that know domain-level keys also count those of the address's
     * domain.
     */
    default List<DecryptionKey> decryptionKeys(KeySelector selector, String recipientAddress) {
        Optional<String> address = Addresses.normalize(recipientAddress);
        if (address.isEmpty()) {
            return List.of();
        }
        return decryptionKeys(selector).stream()
            .filter(key -> CertificateProfile.matches(key.certificate(), address.get(), address.get()))
            .toList();
    }

    /**
     * Validates a signer's certificate to a trust anchor, using {@code untrustedIntermediates} (e.g. the
     * certificates carried in a SignedData) as path-building candidates, with revocation checking as configured.
     */
    TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates);

    /**
     * Offers a certificate seen on a verified signature for storing, so later mail to its owner can be encrypted.
     *
     * @param signerCertificate  the signer's certificate
     * @param chain              the certificates carried in the signature
     * @param fromAddress        the From address of the message
     * @param signatureVerified  whether the signature was cryptographically valid over the delivered content
     */
    HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain, String fromAddress,
                           boolean signatureVerified);

    /**
     * Forgets every cached answer (directory look-ups, path validations) and rereads what can be reread (file stores
     * rescan), so that a change just made by an operator (a revocation, a new CRL, an imported or deleted
     * certificate) applies to the next mail, not after a cache TTL. Returns once the caches are empty; safe at any
     * time. The default has nothing to forget.
     */
    default void flushCaches() {
    }

    /**
     * Each source behind this provider and whether it answers now, for health checks. Asks the sources (reads a
     * directory listing, sends one directory search), so call it from a health check, not per message. The default
     * knows no check and reports the provider itself as reachable.
     */
    default List<SourceStatus> sources() {
        return List.of(SourceStatus.reachable(getClass().getSimpleName(), "no reachability check for this provider"));
    }

    /** The CRLs this provider holds now (files in the store, CRLs of the directory's CA entries), for freshness checks. */
    default List<X509CRL> crls() {
        return List.of();
    }

    /** The certificates of the private keys this provider holds: the gateway's own signing and decryption keys. */
    default List<X509Certificate> ownCertificates() {
        return List.of();
    }
}
