package org.smimegateway.admin.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** Issues S/MIME end-user certificates (RFC 8550 profile) from the intermediate. */
public final class EndUserIssuer {

    private final Clock clock;

    public EndUserIssuer(Clock clock) {
        this.clock = clock;
    }

    public IssuedCertificate issue(CaMaterial.Signer ca, EndUserRequest request, Optional<String> organization,
                                  Optional<java.net.URI> caIssuersUrl) {
        KeyPair keys = request.keyAlgorithm().generate();
        Instant now = clock.instant();
        try {
            X500Name issuer = new JcaX509CertificateHolder(ca.certificate()).getSubject();
            X500Name subject = CaCreator.name(request.subjectCommonName(), organization);
            X509v3CertificateBuilder builder = CertificateSigning.builder(issuer, subject, keys.getPublic(), now,
                request.validityDays());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(request)));
            builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, request.address())));
            CertificateSigning.addKeyIdentifiers(builder, keys.getPublic(), Optional.of(ca.certificate()));
            CertificateSigning.addCrlDistributionPoint(builder, request.crlUrl());
            CertificateSigning.addCaIssuers(builder, caIssuersUrl);
            X509Certificate certificate = CertificateSigning.sign(builder, ca.key());
            return new IssuedCertificate(request.address(), keys.getPrivate(), certificate, ca.chain());
        } catch (CertIOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode an end-user certificate extension", e);
        }
    }

    /**
     * RSA keys sign and receive wrapped content keys (keyEncipherment); EC keys cannot encipher, they agree on a key
     * (ECDH, RFC 5753), so they get keyAgreement instead.
     */
    private static int keyUsage(EndUserRequest request) {
        return request.keyAlgorithm().isRsa()
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature | KeyUsage.keyAgreement;
    }
}
