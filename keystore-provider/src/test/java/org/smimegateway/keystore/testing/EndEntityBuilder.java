package org.smimegateway.keystore.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Options for one end-entity certificate; obtained from {@link TestPki#endEntity(String...)}, finished with
 * {@link #issue()}. Every option has a sensible default, so tests only state what makes their certificate special.
 */
public final class EndEntityBuilder {
    private final TestPki pki;
    private final List<String> addresses;
    private KeyType keyType = KeyType.RSA_2048;
    private Set<KeyUsageBit> keyUsage;
    private List<ASN1ObjectIdentifier> extendedKeyUsages = List.of(KeyPurposeId.id_kp_emailProtection.toOID());
    private List<String> subjectAltNames;
    private boolean emailInSubject;
    private String subjectDn;
    private Instant notBefore;
    private Instant notAfter;
    private TestIdentity issuer;
    private BigInteger serial;
    private final List<String> crlDistributionPoints = new ArrayList<>();
    private final List<GeneralName> extraNames = new ArrayList<>();

    EndEntityBuilder(TestPki pki, List<String> addresses) {
        this.pki = pki;
        this.addresses = List.copyOf(addresses);
        this.subjectAltNames = this.addresses;
        this.issuer = pki.intermediate();
    }

    /** RSA 2048 (default) or EC P-256. */
    public EndEntityBuilder keyType(KeyType type) {
        this.keyType = Objects.requireNonNull(type);
        return this;
    }

    /** Shorthand for {@code keyType(KeyType.EC_P256)}. */
    public EndEntityBuilder ec() {
        return keyType(KeyType.EC_P256);
    }

    /** Exactly these key usage bits (critical extension). An empty call omits the extension altogether. */
    public EndEntityBuilder keyUsage(KeyUsageBit... bits) {
        this.keyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.of(bits[0], bits);
        return this;
    }

    /** Only digitalSignature (+nonRepudiation): a signing-only certificate. */
    public EndEntityBuilder signingOnly() {
        return keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.NON_REPUDIATION);
    }

    /** Only keyEncipherment (RSA) or keyAgreement (EC): an encryption-only certificate. */
    public EndEntityBuilder encryptionOnly() {
        return keyUsage(keyType == KeyType.EC_P256 ? KeyUsageBit.KEY_AGREEMENT : KeyUsageBit.KEY_ENCIPHERMENT);
    }

    /** Exactly these extended key usages (OIDs as dotted strings); no arguments omits the EKU extension. */
    public EndEntityBuilder extendedKeyUsages(String... oids) {
        List<ASN1ObjectIdentifier> list = new ArrayList<>();
        for (String oid : oids) {
            list.add(new ASN1ObjectIdentifier(oid));
        }
        this.extendedKeyUsages = List.copyOf(list);
        return this;
    }

    /** EKU serverAuth+clientAuth and no emailProtection: a certificate not meant for S/MIME. */
    public EndEntityBuilder tlsOnly() {
        return extendedKeyUsages(KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.id_kp_clientAuth.getId());
    }

    /** These rfc822Name entries in subjectAltName instead of the addresses; none omits the extension. */
    public EndEntityBuilder subjectAltNames(String... rfc822Names) {
        this.subjectAltNames = List.of(rfc822Names);
        return this;
    }

    /** Adds dNSName entries to subjectAltName (for TLS server certificates, e.g. a test LDAPS server). */
    public EndEntityBuilder dnsNames(String... names) {
        for (String name : names) {
            extraNames.add(new GeneralName(GeneralName.dNSName, name));
        }
        return this;
    }

    /** Adds iPAddress entries to subjectAltName (e.g. {@code 127.0.0.1}). */
    public EndEntityBuilder ipAddresses(String... addresses) {
        for (String address : addresses) {
            extraNames.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return this;
    }

    /** Also put the primary address as emailAddress into the subject DN (old-style certificates). */
    public EndEntityBuilder emailInSubject() {
        this.emailInSubject = true;
        return this;
    }

    /** An explicit subject DN (RFC 2253), instead of {@code CN=<address>,O=<pki name>}. */
    public EndEntityBuilder subject(String dn) {
        this.subjectDn = dn;
        return this;
    }

    /** An explicit validity window. */
    public EndEntityBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    /** Valid from 400 days ago until yesterday. */
    public EndEntityBuilder expired() {
        Instant now = Instant.now();
        return validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from tomorrow for a year. */
    public EndEntityBuilder notYetValid() {
        Instant now = Instant.now();
        return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
    }

    /** Issued by {@code ca} (e.g. {@link TestPki#root()} or another PKI's intermediate) instead of the intermediate. */
    public EndEntityBuilder issuedBy(TestIdentity ca) {
        this.issuer = Objects.requireNonNull(ca);
        return this;
    }

    /** An explicit serial number (unique, increasing serials by default). */
    public EndEntityBuilder serial(BigInteger value) {
        this.serial = value;
        return this;
    }

    /** Adds a CRL distribution point with this URI (http:, ldap:, file:). */
    public EndEntityBuilder crlDistributionPoint(String uri) {
        crlDistributionPoints.add(uri);
        return this;
    }

    /** Generates the key (pooled for RSA) and signs the certificate. */
    public TestIdentity issue() {
        KeyPair pair = pki.nextKey(keyType);
        Instant now = Instant.now();
        Instant from = notBefore != null ? notBefore : now.minus(TestPki.BACKDATE);
        Instant until = notAfter != null ? notAfter : now.plus(Duration.ofDays(365));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer.certificate().getSubjectX500Principal(), serial != null ? serial : pki.nextSerial(),
                Date.from(from), Date.from(until), subject(), pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int bits = 0;
            for (KeyUsageBit bit : effectiveKeyUsage()) {
                bits |= bit.bcBit;
            }
            if (bits != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            if (!extendedKeyUsages.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    extendedKeyUsages.stream().map(KeyPurposeId::getInstance).toArray(KeyPurposeId[]::new)));
            }
            List<GeneralName> names = new ArrayList<>();
            subjectAltNames.forEach(a -> names.add(new GeneralName(GeneralName.rfc822Name, a)));
            names.addAll(extraNames);
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (!crlDistributionPoints.isEmpty()) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                    crlDistributionPoints.stream().map(uri -> new DistributionPoint(new DistributionPointName(
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), null, null))
                        .toArray(DistributionPoint[]::new)));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
            return new TestIdentity(pair, TestPki.sign(builder, issuer.privateKey()), issuer.certificateAndChain());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue certificate for " + addresses, e);
        }
    }

    private Set<KeyUsageBit> effectiveKeyUsage() {
        if (keyUsage != null) {
            return keyUsage;
        }
        return keyType == KeyType.EC_P256
            ? EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_AGREEMENT)
            : EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
    }

    private X500Principal subject() throws IOException {
        if (subjectDn != null) {
            return new X500Principal(subjectDn);
        }
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, pki.name())
            .addRDN(BCStyle.CN, addresses.get(0));
        if (emailInSubject) {
            name.addRDN(BCStyle.EmailAddress, addresses.get(0));
        }
        return new X500Principal(name.build().getEncoded());
    }
}
