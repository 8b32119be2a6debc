package org.smimegateway.keystore.composite;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * Several providers asked in order (e.g. a file store with our keys, then the company directory for recipients).
 * For recipients, the first source that has any certificate for the address decides, even if all of them are
 * unusable, and a source that cannot be asked stops the search as "unavailable": mail is never encrypted to, or sent
 * plain because of, a weaker source further down the list.
 */
public final class CompositeKeystoreProvider implements KeystoreProvider {
    private final List<KeystoreProvider> sources;
    private final KeystoreProvider harvestTarget;

    /**
     * @param sources       the providers in the order they are asked
     * @param harvestTarget where harvested certificates are stored (one of {@code sources}, usually the first)
     */
    public CompositeKeystoreProvider(List<KeystoreProvider> sources, KeystoreProvider harvestTarget) {
        this.sources = List.copyOf(sources);
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one source");
        }
        this.harvestTarget = Objects.requireNonNull(harvestTarget, "harvestTarget");
    }

    @Override
    public Lookup<SigningIdentity> signingIdentity(String senderAddress) {
        List<String> reasons = new ArrayList<>();
        String unavailable = null;
        for (KeystoreProvider source : sources) {
            Lookup<SigningIdentity> answer = source.signingIdentity(senderAddress);
            if (answer instanceof Lookup.Found<SigningIdentity>) {
                return answer;
            }
            if (answer instanceof Lookup.NotFound<SigningIdentity> notFound) {
                reasons.add(notFound.reason());
            } else if (unavailable == null) {
                unavailable = ((Lookup.Unavailable<SigningIdentity>) answer).reason();
            }
        }
        return unavailable != null ? Lookup.unavailable(unavailable) : Lookup.notFound(String.join("; ", reasons));
    }

    @Override
    public Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress) {
        List<String> reasons = new ArrayList<>();
        for (KeystoreProvider source : sources) {
            Lookup<EncryptionCertificates> answer = source.encryptionCertificates(recipientAddress);
            if (answer instanceof Lookup.NotFound<EncryptionCertificates> notFound) {
                reasons.add(notFound.reason());
                continue;
            }
            return answer;
        }
        return Lookup.notFound(String.join("; ", reasons));
    }

    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector) {
        Set<DecryptionKey> keys = new LinkedHashSet<>();
        sources.forEach(source -> keys.addAll(source.decryptionKeys(selector)));
        return List.copyOf(keys);
    }

    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector, String recipientAddress) {
        Set<DecryptionKey> keys = new LinkedHashSet<>();
        sources.forEach(source -> keys.addAll(source.decryptionKeys(selector, recipientAddress)));
        return List.copyOf(keys);
    }

    /** Flushes every source, in order. */
    @Override
    public void flushCaches() {
        sources.forEach(KeystoreProvider::flushCaches);
    }

    /** Revoked anywhere means revoked; otherwise the first source that trusts the certificate decides. */
    @Override
    public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates) {
        List<TrustVerdict> verdicts = new ArrayList<>();
        for (KeystoreProvider source : sources) {
            TrustVerdict verdict = source.validate(certificate, untrustedIntermediates);
            if (verdict instanceof TrustVerdict.Revoked) {
                return verdict;
            }
            verdicts.add(verdict);
        }
        return verdicts.stream().filter(TrustVerdict::isTrusted).findFirst()
            .or(() -> verdicts.stream().filter(TrustVerdict.Unknown.class::isInstance).findFirst())
            .orElse(verdicts.get(0));
    }

    /**
     * Stores into the harvest target, after checking across all sources that an untrusted certificate does not join
     * an address for which some source already has a usable (hence trusted) one.
     */
    @Override
    public HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain, String fromAddress,
                                  boolean signatureVerified) {
        if (signatureVerified && !validate(signerCertificate, chain).isTrusted()
            && encryptionCertificates(fromAddress) instanceof Lookup.Found<EncryptionCertificates> found
            && found.value().isUsable() && !found.value().usable().contains(signerCertificate)) {
            return new HarvestOutcome.Refused("would replace a trusted certificate with an untrusted one");
        }
        return harvestTarget.harvest(signerCertificate, chain, fromAddress, signatureVerified);
    }

    @Override
    public List<SourceStatus> sources() {
        return sources.stream().flatMap(source -> source.sources().stream()).toList();
    }

    @Override
    public List<X509CRL> crls() {
        return sources.stream().flatMap(source -> source.crls().stream()).toList();
    }

    @Override
    public List<X509Certificate> ownCertificates() {
        return sources.stream().flatMap(source -> source.ownCertificates().stream()).toList();
    }
}
