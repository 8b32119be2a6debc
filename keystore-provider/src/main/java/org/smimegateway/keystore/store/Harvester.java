package org.smimegateway.keystore.store;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.TrustVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address-book rules for certificates seen on incoming signed mail: store only what a verified signature
 * vouches for, what can encrypt mail to the sender, what is issued for the sender's address, and never let an
 * untrusted certificate join an address that already has a trusted one.
 */
final class Harvester {
    private static final Logger LOG = LoggerFactory.getLogger(Harvester.class);

    private final CertificateStore store;
    private final PathValidator validator;
    private final Clock clock;

    Harvester(CertificateStore store, PathValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    HarvestOutcome harvest(X509Certificate certificate, List<X509Certificate> chain, String fromAddress,
                           boolean signatureVerified) {
        HarvestOutcome outcome = decide(certificate, chain, fromAddress, signatureVerified);
        LOG.info("Harvest of {} for {} into {}: {}", CertificateProfile.describe(certificate), fromAddress,
            store.name(), outcome);
        return outcome;
    }

    private HarvestOutcome decide(X509Certificate certificate, List<X509Certificate> chain, String fromAddress,
                                  boolean signatureVerified) {
        if (!signatureVerified) {
            return new HarvestOutcome.Refused("the signature was not verified");
        }
        Optional<String> normalized = Addresses.normalize(fromAddress);
        if (normalized.isEmpty()) {
            return new HarvestOutcome.Refused("not a mail address: " + fromAddress);
        }
        String address = Addresses.untagged(normalized.get()).orElse(normalized.get());
        if (!CertificateProfile.matches(certificate, normalized.get(), address)) {
            return new HarvestOutcome.Refused("certificate is not issued for " + address);
        }
        Optional<String> problem = CertificateProfile.validityProblem(certificate, clock.instant())
            .or(() -> CertificateProfile.encryptionProblem(certificate));
        if (problem.isPresent()) {
            return new HarvestOutcome.Refused("certificate cannot encrypt mail: " + problem.get());
        }
        TrustVerdict verdict = validator.validate(certificate, chain);
        if (verdict instanceof TrustVerdict.Revoked || verdict instanceof TrustVerdict.Unknown) {
            return new HarvestOutcome.Refused(TrustReasons.problem(verdict));
        }
        Lookup<List<X509Certificate>> existing = store.certificates(address);
        if (existing instanceof Lookup.Unavailable<List<X509Certificate>> down) {
            return new HarvestOutcome.Refused("store unavailable: " + down.reason());
        }
        List<X509Certificate> known = existing instanceof Lookup.Found<List<X509Certificate>> found
            ? found.value() : List.of();
        if (known.contains(certificate)) {
            return new HarvestOutcome.AlreadyKnown(address);
        }
        if (!verdict.isTrusted() && known.stream().anyMatch(this::usableAndTrusted)) {
            return new HarvestOutcome.Refused("would replace a trusted certificate with an untrusted one ("
                + TrustReasons.problem(verdict) + ")");
        }
        Lookup<String> stored = store.storeHarvested(address, certificate);
        if (stored instanceof Lookup.Found<String>) {
            return new HarvestOutcome.Stored(address);
        }
        return new HarvestOutcome.Refused(stored instanceof Lookup.NotFound<String> notFound ? notFound.reason()
            : ((Lookup.Unavailable<String>) stored).reason());
    }

    private boolean usableAndTrusted(X509Certificate certificate) {
        return CertificateProfile.validityProblem(certificate, clock.instant()).isEmpty()
            && validator.validate(certificate, List.of()).isTrusted();
    }
}
