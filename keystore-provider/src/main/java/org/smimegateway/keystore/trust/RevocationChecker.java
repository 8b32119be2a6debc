package org.smimegateway.keystore.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.smimegateway.keystore.Lookup;

/**
 * Decides one certificate's revocation status from its issuer's CRLs: local and directory CRLs first, distribution
 * points only when the policy allows. A CRL counts only if its signature verifies with the issuer's key and it is
 * current; a stale CRL gives no answer rather than a reassuring one.
 */
final class RevocationChecker {
    /** Tolerated clock difference between the CRL issuer and us. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final TrustSource source;
    private final RevocationPolicy policy;
    private final DistributionPointFetcher fetcher;

    RevocationChecker(TrustSource source, RevocationPolicy policy, DistributionPointFetcher fetcher) {
        this.source = source;
        this.policy = policy;
        this.fetcher = fetcher;
    }

    RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now) {
        Lookup<List<X509CRL>> local = source.crls(issuer.getSubjectX500Principal());
        List<X509CRL> candidates = new ArrayList<>();
        String trouble = "no current CRL from " + issuer.getSubjectX500Principal().getName();
        if (local instanceof Lookup.Found<List<X509CRL>> found) {
            candidates.addAll(found.value());
        } else if (local instanceof Lookup.Unavailable<List<X509CRL>> down) {
            trouble = "CRL source unavailable: " + down.reason();
        }
        RevocationStatus status = evaluate(certificate, issuer, candidates, now);
        if (status instanceof RevocationStatus.Unknown && policy.fetchDistributionPoints()) {
            List<X509CRL> fetched = new ArrayList<>();
            for (String uri : distributionPoints(certificate)) {
                if (fetcher.fetch(uri) instanceof Lookup.Found<List<X509CRL>> found) {
                    fetched.addAll(found.value());
                }
            }
            status = evaluate(certificate, issuer, fetched, now);
        }
        return status instanceof RevocationStatus.Unknown ? new RevocationStatus.Unknown(trouble) : status;
    }

    private static RevocationStatus evaluate(X509Certificate certificate, X509Certificate issuer, List<X509CRL> crls,
                                             Instant now) {
        Instant earliestNext = null;
        boolean current = false;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !verifies(crl, issuer)) {
                continue;
            }
            if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
                continue;
            }
            Instant next = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            if (next != null && !next.isAfter(now)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
            if (entry != null && !entry.getRevocationDate().toInstant().isAfter(now)) {
                String reason = entry.getRevocationReason() == null ? "unspecified"
                    : entry.getRevocationReason().name();
                return new RevocationStatus.Revoked("revoked on " + entry.getRevocationDate().toInstant()
                    + " (" + reason + ") by " + issuer.getSubjectX500Principal().getName());
            }
            if (!isComplete(crl)) {
                // A delta or partitioned CRL proves a revocation but its silence proves nothing.
                continue;
            }
            current = true;
            if (next != null && (earliestNext == null || next.isBefore(earliestNext))) {
                earliestNext = next;
            }
        }
        if (!current) {
            return new RevocationStatus.Unknown("no current CRL");
        }
        return new RevocationStatus.Good(earliestNext == null ? Instant.MAX : earliestNext);
    }

    private static boolean isComplete(X509CRL crl) {
        return crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) == null
            && crl.getExtensionValue(Extension.issuingDistributionPoint.getId()) == null;
    }

    private static boolean verifies(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static List<String> distributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<String> uris = new ArrayList<>();
        if (extension == null) {
            return uris;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            uris.add(general.getName().toString());
                        }
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A malformed extension names no distribution point; status stays unknown.
        }
        return uris;
    }
}
