package org.smimegateway.admin.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.smimegateway.admin.CryptoProvider;
import org.smimegateway.admin.KeyAlgorithm;
import java.net.URI;

/** The parts every certificate this CA makes shares: validity window, key identifiers, URLs, signing. */
final class CertificateSigning {

    /** Back-dates notBefore a little so a client whose clock is slightly behind does not see "not yet valid". */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private CertificateSigning() {
    }

    static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey subjectKey,
                                            Instant now, int validityDays) {
        BigInteger serial = SerialNumbers.next();
        Date notBefore = Date.from(now.minus(CLOCK_SKEW));
        Date notAfter = Date.from(now.plus(Duration.ofDays(validityDays)));
        return new JcaX509v3CertificateBuilder(issuer, serial, notBefore, notAfter, subject, subjectKey);
    }

    static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey,
                                  Optional<X509Certificate> issuer) throws CertIOException {
        JcaX509ExtensionUtils utils = extensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (issuer.isPresent()) {
            try {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer.get()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("issuer certificate cannot be encoded", e);
            }
        } else {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(subjectKey));
        }
    }

    static void addCrlDistributionPoint(X509v3CertificateBuilder builder, Optional<URI> crlUrl)
        throws CertIOException {
        if (crlUrl.isEmpty()) {
            return;
        }
        GeneralNames names = new GeneralNames(
            new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl.get().toString()));
        DistributionPoint point = new DistributionPoint(new DistributionPointName(names), null, null);
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{point}));
    }

    static void addCaIssuers(X509v3CertificateBuilder builder, Optional<URI> issuerCertificateUrl)
        throws CertIOException {
        if (issuerCertificateUrl.isEmpty()) {
            return;
        }
        AccessDescription caIssuers = new AccessDescription(AccessDescription.id_ad_caIssuers,
            new GeneralName(GeneralName.uniformResourceIdentifier, issuerCertificateUrl.get().toString()));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(caIssuers));
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter().setProvider(CryptoProvider.bouncyCastle())
                .getCertificate(builder.build(contentSigner(signingKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decode the certificate just built", e);
        }
    }

    static ContentSigner contentSigner(PrivateKey signingKey) {
        try {
            return new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(signingKey))
                .setProvider(CryptoProvider.bouncyCastle())
                .build(signingKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + signingKey.getAlgorithm() + " key", e);
        }
    }

    static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is missing from the JDK", e);
        }
    }
}
