package org.smimegateway.admin.ca;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.smimegateway.admin.CryptoProvider;

/** Signs a complete (not delta) CRL for one CA over all its revocations. */
public final class CrlIssuer {

    private final Clock clock;

    public CrlIssuer(Clock clock) {
        this.clock = clock;
    }

    public X509CRL issue(CaMaterial.Signer ca, Collection<Revocation> revocations, BigInteger crlNumber,
                         int nextUpdateDays) {
        if (nextUpdateDays < 1) {
            throw new IllegalArgumentException("next update must be at least one day ahead, was " + nextUpdateDays);
        }
        Instant now = clock.instant();
        try {
            X500Name issuer = new JcaX509CertificateHolder(ca.certificate()).getSubject();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(nextUpdateDays))));
            for (Revocation revocation : revocations) {
                builder.addCRLEntry(revocation.serialNumber(), Date.from(revocation.revokedAt()),
                    revocation.reason().code());
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                CertificateSigning.extensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            return new JcaX509CRLConverter().setProvider(CryptoProvider.bouncyCastle())
                .getCRL(builder.build(CertificateSigning.contentSigner(ca.key())));
        } catch (CertIOException | java.security.cert.CertificateEncodingException | CRLException e) {
            throw new IllegalStateException("cannot build the CRL of " + ca.certificate().getSubjectX500Principal(), e);
        }
    }
}
