package org.smimegateway.keystore.trust;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.cache.ExpiringCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates certificates to the trust anchors of a {@link TrustSource}: the JDK's PKIX path builder finds and checks
 * the path (signatures, validity, CA constraints), then each certificate on it is checked against its issuer's CRLs
 * under the {@link RevocationPolicy}. Verdicts are cached until the earliest certificate expiry or CRL nextUpdate on
 * the path (negative verdicts for a few minutes), and dropped whenever the trust material changes.
 */
public final class PathValidator {
    private static final Logger LOG = LoggerFactory.getLogger(PathValidator.class);
    /** Longest time any verdict is reused, so that new CRLs arriving from the directory are seen. */
    private static final Duration MAX_TRUSTED_AGE = Duration.ofHours(1);
    private static final Duration MAX_NEGATIVE_AGE = Duration.ofMinutes(5);

    private final TrustSource source;
    private final RevocationPolicy policy;
    private final RevocationChecker revocation;
    private final Clock clock;
    private final ExpiringCache<String, Cached> cache;

    public PathValidator(TrustSource source, RevocationPolicy policy, DistributionPointFetcher fetcher, Clock clock) {
        this.source = source;
        this.policy = policy;
        this.revocation = new RevocationChecker(source, policy, fetcher);
        this.clock = clock;
        this.cache = new ExpiringCache<>(10_000, clock);
    }

    /** A validator that never fetches distribution points. */
    public PathValidator(TrustSource source, RevocationPolicy policy, Clock clock) {
        this(source, policy, policy.fetchDistributionPoints()
            ? new NetworkDistributionPointFetcher(policy.fetchTimeout(), clock) : DistributionPointFetcher.NONE, clock);
    }

    /** The verdict for {@code certificate} now, with {@code untrusted} as extra path-building candidates. */
    public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrusted) {
        long generation = source.generation();
        String key = cacheKey(certificate, untrusted);
        Cached cached = cache.get(key).orElse(null);
        if (cached != null && cached.generation() == generation) {
            return cached.verdict();
        }
        Instant now = clock.instant();
        Result result = compute(certificate, untrusted, now);
        cache.put(key, new Cached(result.verdict(), generation), result.until());
        LOG.debug("Validated {}: {}", CertificateProfile.describe(certificate), result.verdict());
        return result.verdict();
    }

    /** Forgets every cached verdict, so the next validation reads the trust material again. */
    public void flush() {
        cache.clear();
    }

    private Result compute(X509Certificate certificate, List<X509Certificate> untrusted, Instant now) {
        Instant negativeUntil = now.plus(MAX_NEGATIVE_AGE);
        List<X509Certificate> anchors = source.anchors();
        if (anchors.isEmpty()) {
            return new Result(new TrustVerdict.Untrusted("no trust anchors are configured"), negativeUntil);
        }
        if (anchors.contains(certificate)) {
            return new Result(new TrustVerdict.Trusted(List.of(), certificate),
                min(certificate.getNotAfter().toInstant(), now.plus(MAX_TRUSTED_AGE)));
        }
        PKIXCertPathBuilderResult built;
        try {
            built = build(certificate, untrusted, source.intermediates(), anchors, now);
        } catch (CertPathBuilderException e) {
            String problem = CertificateProfile.validityProblem(certificate, now).orElse(e.getMessage());
            return new Result(new TrustVerdict.Untrusted("no valid path to a trust anchor: " + problem),
                negativeUntil);
        } catch (GeneralSecurityException e) {
            return new Result(new TrustVerdict.Untrusted("path building failed: " + e.getMessage()), negativeUntil);
        }
        List<X509Certificate> path = new ArrayList<>();
        for (Certificate element : built.getCertPath().getCertificates()) {
            path.add((X509Certificate) element);
        }
        X509Certificate anchor = built.getTrustAnchor().getTrustedCert();
        Instant until = now.plus(MAX_TRUSTED_AGE);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate current = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            until = min(until, current.getNotAfter().toInstant());
            RevocationStatus status = revocation.check(current, issuer, now);
            if (status instanceof RevocationStatus.Revoked revoked) {
                return new Result(new TrustVerdict.Revoked(current, revoked.reason()), negativeUntil);
            }
            if (status instanceof RevocationStatus.Good good) {
                until = min(until, good.nextUpdate());
            } else if (status instanceof RevocationStatus.Unknown unknown) {
                if (policy.failMode() == RevocationPolicy.FailMode.HARD) {
                    return new Result(new TrustVerdict.Unknown("revocation status of "
                        + CertificateProfile.describe(current) + " unknown: " + unknown.reason()), negativeUntil);
                }
                // Soft fail: accepted, but asked again soon in case a CRL turns up.
                until = min(until, negativeUntil);
            }
        }
        return new Result(new TrustVerdict.Trusted(path, anchor), until);
    }

    private static PKIXCertPathBuilderResult build(X509Certificate target, List<X509Certificate> untrusted,
                                                   List<X509Certificate> intermediates,
                                                   List<X509Certificate> anchors, Instant now)
        throws GeneralSecurityException {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
        X509CertSelector selector = new X509CertSelector();
        selector.setCertificate(target);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, selector);
        // Revocation is ours (RevocationChecker): the JDK's checker would go to the network on its own terms.
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(now));
        List<Certificate> candidates = new ArrayList<>(untrusted);
        candidates.add(target);
        candidates.addAll(intermediates);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String cacheKey(X509Certificate certificate, List<X509Certificate> untrusted) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(certificate.getEncoded());
            for (X509Certificate extra : untrusted) {
                digest.update(extra.getEncoded());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    private record Cached(TrustVerdict verdict, long generation) {
    }

    private record Result(TrustVerdict verdict, Instant until) {
    }
}
