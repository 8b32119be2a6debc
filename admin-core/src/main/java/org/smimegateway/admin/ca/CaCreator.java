package org.smimegateway.admin.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** Creates a self-signed root and an intermediate below it that issues the end-user certificates. */
public final class CaCreator {

    private final Clock clock;

    public CaCreator(Clock clock) {
        this.clock = clock;
    }

    public CaMaterial create(CaProfile profile) {
        Instant now = clock.instant();
        KeyPair rootKeys = profile.keyAlgorithm().generate();
        KeyPair intermediateKeys = profile.keyAlgorithm().generate();
        try {
            X500Name rootName = name(profile.rootCommonName(), profile.organization());
            X509v3CertificateBuilder root = CertificateSigning.builder(rootName, rootName, rootKeys.getPublic(), now,
                profile.validityDays());
            caExtensions(root, Integer.MAX_VALUE);
            CertificateSigning.addKeyIdentifiers(root, rootKeys.getPublic(), Optional.empty());
            X509Certificate rootCertificate = CertificateSigning.sign(root, rootKeys.getPrivate());

            X500Name intermediateName = name(profile.intermediateCommonName(), profile.organization());
            X509v3CertificateBuilder intermediate = CertificateSigning.builder(rootName, intermediateName,
                intermediateKeys.getPublic(), now, profile.validityDays());
            // Path length 0: the intermediate issues end users only, never further CAs.
            caExtensions(intermediate, 0);
            CertificateSigning.addKeyIdentifiers(intermediate, intermediateKeys.getPublic(),
                Optional.of(rootCertificate));
            CertificateSigning.addCrlDistributionPoint(intermediate,
                profile.crlBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.ROOT_CRL)));
            CertificateSigning.addCaIssuers(intermediate,
                profile.aiaBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.ROOT_CERTIFICATE)));
            X509Certificate intermediateCertificate = CertificateSigning.sign(intermediate, rootKeys.getPrivate());

            return new CaMaterial(rootKeys.getPrivate(), rootCertificate, intermediateKeys.getPrivate(),
                intermediateCertificate);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a CA certificate extension", e);
        }
    }

    private static void caExtensions(X509v3CertificateBuilder builder, int pathLength) throws CertIOException {
        BasicConstraints constraints = pathLength == Integer.MAX_VALUE
            ? new BasicConstraints(true) : new BasicConstraints(pathLength);
        builder.addExtension(Extension.basicConstraints, true, constraints);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    static X500Name name(String commonName, Optional<String> organization) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        organization.ifPresent(o -> builder.addRDN(BCStyle.O, o));
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }
}
