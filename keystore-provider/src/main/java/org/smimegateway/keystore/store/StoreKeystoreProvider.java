package org.smimegateway.keystore.store;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.EncryptionCertificates.Rejection;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.TrustVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selection rules over any {@link CertificateStore}: which certificate may encrypt to an address, which key may
 * sign for it, which keys decrypt a RecipientInfo. Store keys are tried most specific first (address, untagged
 * address, {@code *@domain}); the first key under which the store has anything decides, so a specific but unusable
 * certificate is reported rather than silently replaced by a domain-wide one.
 */
public final class StoreKeystoreProvider implements KeystoreProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StoreKeystoreProvider.class);

    private final CertificateStore store;
    private final PathValidator validator;
    private final Clock clock;
    private final Harvester harvester;

    public StoreKeystoreProvider(CertificateStore store, PathValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
        this.harvester = new Harvester(store, validator, clock);
    }

    /** The store this provider answers from. */
    public CertificateStore store() {
        return store;
    }

    @Override
    public Lookup<SigningIdentity> signingIdentity(String senderAddress) {
        Optional<String> address = Addresses.normalize(senderAddress);
        if (address.isEmpty()) {
            return Lookup.notFound("not a mail address: " + senderAddress);
        }
        for (String key : Addresses.lookupKeys(address.get())) {
            List<KeyEntry> entries = store.keys(key);
            if (entries.isEmpty()) {
                continue;
            }
            List<KeyEntry> usable = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (KeyEntry entry : entries) {
                Optional<String> problem = signingProblem(entry.certificate(), address.get(), key);
                if (problem.isPresent()) {
                    reasons.add(CertificateProfile.describe(entry.certificate()) + ": " + problem.get());
                } else {
                    usable.add(entry);
                }
            }
            if (usable.isEmpty()) {
                return Lookup.notFound("no usable signing key in " + store.name() + ": " + String.join("; ", reasons));
            }
            usable.sort(Comparator.comparing(KeyEntry::certificate, CertificateRanking.BEST_FIRST));
            KeyEntry best = usable.get(0);
            return Lookup.found(new SigningIdentity(best.privateKey(), best.certificate(), chainOf(best)));
        }
        return Lookup.notFound("no signing key for " + address.get() + " in " + store.name());
    }

    @Override
    public Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress) {
        Optional<String> address = Addresses.normalize(recipientAddress);
        if (address.isEmpty()) {
            return Lookup.notFound("not a mail address: " + recipientAddress);
        }
        for (String key : Addresses.lookupKeys(address.get())) {
            Lookup<List<X509Certificate>> found = store.certificates(key);
            if (found instanceof Lookup.Unavailable<List<X509Certificate>> down) {
                return Lookup.unavailable(down.reason());
            }
            if (found instanceof Lookup.Found<List<X509Certificate>> certificates) {
                return Lookup.found(judge(certificates.value(), address.get(), key));
            }
        }
        return Lookup.notFound("no certificate for " + address.get() + " in " + store.name());
    }

    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector) {
        List<KeyEntry> matching = new ArrayList<>();
        for (KeyEntry entry : store.allKeys()) {
            if (selects(selector, entry.certificate())) {
                matching.add(entry);
            }
        }
        return bestFirst(matching);
    }

    /**
     * The keys indexed under the address, its untagged form and its domain-level entry {@code *@domain} (a key in a
     * domain file belongs to every address of the domain, as it signs for them), matching the selector.
     */
    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector, String recipientAddress) {
        Optional<String> address = Addresses.normalize(recipientAddress);
        if (address.isEmpty()) {
            return List.of();
        }
        List<KeyEntry> matching = new ArrayList<>();
        for (String key : Addresses.lookupKeys(address.get())) {
            for (KeyEntry entry : store.keys(key)) {
                if (selects(selector, entry.certificate()) && !matching.contains(entry)) {
                    matching.add(entry);
                }
            }
        }
        return bestFirst(matching);
    }

    private static List<DecryptionKey> bestFirst(List<KeyEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(KeyEntry::certificate, CertificateRanking.BEST_FIRST))
            .map(e -> new DecryptionKey(e.privateKey(), e.certificate())).distinct().toList();
    }

    @Override
    public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates) {
        return validator.validate(certificate, untrustedIntermediates);
    }

    @Override
    public HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain, String fromAddress,
                                  boolean signatureVerified) {
        return harvester.harvest(signerCertificate, chain, fromAddress, signatureVerified);
    }

    /** Flushes the store (a file store rescans, a directory forgets its answers), then the validator's verdicts. */
    @Override
    public void flushCaches() {
        store.flush();
        validator.flush();
        LOG.info("Caches of {} flushed", store.name());
    }

    private EncryptionCertificates judge(List<X509Certificate> certificates, String address, String key) {
        List<X509Certificate> usable = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (X509Certificate certificate : distinct(certificates)) {
            Optional<String> problem = encryptionProblem(certificate, address, key);
            if (problem.isPresent()) {
                rejected.add(new Rejection(certificate, problem.get()));
            } else {
                usable.add(certificate);
            }
        }
        usable.sort(CertificateRanking.BEST_FIRST);
        LOG.debug("{} in {}: {} usable, {} rejected", address, store.name(), usable.size(), rejected.size());
        return new EncryptionCertificates(usable, rejected);
    }

    private Optional<String> encryptionProblem(X509Certificate certificate, String address, String key) {
        if (!CertificateProfile.matches(certificate, address, key)) {
            return Optional.of("not issued for " + address);
        }
        Optional<String> problem = CertificateProfile.validityProblem(certificate, clock.instant())
            .or(() -> CertificateProfile.encryptionProblem(certificate));
        if (problem.isPresent()) {
            return problem;
        }
        TrustVerdict verdict = validator.validate(certificate, List.of());
        return Optional.ofNullable(TrustReasons.problem(verdict));
    }

    private Optional<String> signingProblem(X509Certificate certificate, String address, String key) {
        if (!CertificateProfile.matches(certificate, address, key)) {
            return Optional.of("not issued for " + address);
        }
        Optional<String> problem = CertificateProfile.validityProblem(certificate, clock.instant())
            .or(() -> CertificateProfile.signingProblem(certificate));
        if (problem.isPresent()) {
            return problem;
        }
        // A revoked key must not speak for the sender any more. Other verdicts do not block signing: an
        // operator may sign with a certificate from a CA the gateway itself does not list as an anchor.
        TrustVerdict verdict = validator.validate(certificate, List.of());
        return verdict instanceof TrustVerdict.Revoked ? Optional.ofNullable(TrustReasons.problem(verdict)) : Optional.empty();
    }

    /** The chain stored with the key, or else the path the validator finds (our own keys may lack a stored chain). */
    private List<X509Certificate> chainOf(KeyEntry entry) {
        if (!entry.chain().isEmpty()) {
            return entry.chain();
        }
        if (validator.validate(entry.certificate(), List.of()) instanceof TrustVerdict.Trusted trusted) {
            List<X509Certificate> chain = new ArrayList<>(trusted.path().subList(1, trusted.path().size()));
            chain.add(trusted.anchor());
            return chain;
        }
        return List.of();
    }

    private static boolean selects(KeySelector selector, X509Certificate certificate) {
        if (selector instanceof KeySelector.IssuerAndSerial byIssuer) {
            return byIssuer.issuer().equals(certificate.getIssuerX500Principal())
                && byIssuer.serialNumber().equals(certificate.getSerialNumber());
        }
        byte[] wanted = ((KeySelector.SubjectKeyId) selector).keyIdentifier();
        return CertificateProfile.subjectKeyIdentifier(certificate).filter(ski -> Arrays.equals(ski, wanted))
            .isPresent();
    }

    private static List<X509Certificate> distinct(List<X509Certificate> certificates) {
        return certificates.stream().distinct().toList();
    }

    @Override
    public List<SourceStatus> sources() {
        return List.of(store.status());
    }

    @Override
    public List<X509CRL> crls() {
        return store.crls();
    }

    @Override
    public List<X509Certificate> ownCertificates() {
        return store.allKeys().stream().map(KeyEntry::certificate).toList();
    }
}
