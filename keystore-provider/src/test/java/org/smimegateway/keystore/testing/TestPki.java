package org.smimegateway.keystore.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.smimegateway.keystore.Providers;

/**
 * A throw-away PKI generated at test time: a root CA, an intermediate CA below it, and end-entity certificates for
 * any addresses, plus CRLs. Everything is generated in memory; {@link PkiFiles} writes it out as PEM, DER, PKCS#7 or
 * PKCS#12 when a test needs files.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * TestIdentity alice = pki.user("alice@example.com");                       // RSA, sign+encrypt, valid now
 * TestIdentity bobEc = pki.endEntity("bob@example.com").keyType(KeyType.EC_P256).issue();
 * TestIdentity old = pki.endEntity("carol@example.com").expired().issue();
 * X509CRL crl = pki.crl(old.certificate().getSerialNumber());               // signed by the intermediate
 * TestPki stranger = pki.independentRoot("Stranger");                       // a root nobody trusts
 * }</pre>
 *
 * <p>Instances are thread-safe. All certificates are signed with SHA-256 and converted by the JDK's X.509 factory,
 * so they behave like certificates read from files.
 */
public final class TestPki {
    /** How far back "now" certificates start, so clock skew between test and code never matters. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPool keys;
    private final AtomicLong serials = new AtomicLong((RANDOM.nextLong() >>> 16) + 1);
    private final TestIdentity root;
    private final TestIdentity intermediate;

    private TestPki(String name, KeyPool keys) {
        this.name = name;
        this.keys = keys;
        this.root = newRoot();
        this.intermediate = newIntermediate("CN=" + name + " Intermediate CA,O=" + name, root);
    }

    /** A PKI named "Test" with its root and intermediate CA. */
    public static TestPki create() {
        return create("Test");
    }

    /**
     * A PKI whose CA names contain {@code name} (e.g. {@code CN=<name> Root CA,O=<name>}). Its CA keys are fresh;
     * its end-entity RSA keys come from a per-JVM pool, so end entities of two separately created PKIs may share
     * keys. Use {@link #independentRoot(String)} when one test needs two PKIs whose end entities have distinct keys.
     */
    public static TestPki create(String name) {
        return new TestPki(name, new KeyPool());
    }

    /**
     * A second PKI with its own root that has nothing to do with this one (for "untrusted chain" tests). It draws
     * from the same key sequence as this PKI, so its keys differ from this PKI's keys.
     */
    public TestPki independentRoot(String otherName) {
        return new TestPki(otherName, keys);
    }

    /** The self-signed root CA. */
    public TestIdentity root() {
        return root;
    }

    /** The intermediate CA that issues end-entity certificates by default. */
    public TestIdentity intermediate() {
        return intermediate;
    }

    /** The root CA certificate (the trust anchor). */
    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    /** The intermediate CA certificate. */
    public X509Certificate intermediateCertificate() {
        return intermediate.certificate();
    }

    /** A further intermediate CA below {@code issuer} with the distinguished name {@code subjectDn}. */
    public TestIdentity newIntermediate(String subjectDn, TestIdentity issuer) {
        KeyPair pair = keys.freshCaKey();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer.certificate().getSubjectX500Principal(), nextSerial(), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(Duration.ofDays(3650))), new X500Principal(subjectDn), pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
            X509Certificate certificate = sign(builder, issuer.privateKey());
            return new TestIdentity(pair, certificate, issuer.certificateAndChain());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue intermediate " + subjectDn, e);
        }
    }

    /**
     * Starts an end-entity certificate for {@code addresses} (the first is the primary one, used in the subject).
     * Defaults: RSA 2048, issued by the intermediate, valid from one hour ago for a year, key usage
     * digitalSignature+keyEncipherment (RSA) or digitalSignature+keyAgreement (EC), EKU emailProtection,
     * subjectAltName rfc822Name for every address.
     */
    public EndEntityBuilder endEntity(String... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("at least one address");
        }
        return new EndEntityBuilder(this, List.of(addresses));
    }

    /** A default end-entity certificate (see {@link #endEntity}) for {@code address}. */
    public TestIdentity user(String address) {
        return endEntity(address).issue();
    }

    /** A CRL by the intermediate CA revoking {@code serials}, issued an hour ago and due in seven days. */
    public X509CRL crl(BigInteger... serials) {
        Instant now = Instant.now();
        return crl(intermediate, now.minus(BACKDATE), now.plus(Duration.ofDays(7)), serials);
    }

    /** A CRL by the root CA revoking {@code serials} (e.g. the intermediate), due in seven days. */
    public X509CRL rootCrl(BigInteger... serials) {
        Instant now = Instant.now();
        return crl(root, now.minus(BACKDATE), now.plus(Duration.ofDays(7)), serials);
    }

    /** A CRL by {@code issuer} with explicit thisUpdate/nextUpdate (a past nextUpdate makes a stale CRL). */
    public X509CRL crl(TestIdentity issuer, Instant thisUpdate, Instant nextUpdate, BigInteger... serials) {
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.certificate().getSubjectX500Principal(),
                Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : serials) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(Extension.cRLNumber, false,
                new CRLNumber(BigInteger.valueOf(serials.length + thisUpdate.getEpochSecond())));
            X509CRLHolder holder = builder.build(signer(issuer.privateKey()));
            return (X509CRL) factory().generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue CRL", e);
        }
    }

    String name() {
        return name;
    }

    KeyPair nextKey(KeyType type) {
        return keys.next(type);
    }

    BigInteger nextSerial() {
        return BigInteger.valueOf(serials.getAndIncrement());
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
        throws GeneralSecurityException, IOException {
        X509CertificateHolder holder = builder.build(signer(issuerKey));
        return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static CertificateFactory factory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }

    private TestIdentity newRoot() {
        KeyPair pair = keys.freshCaKey();
        Instant now = Instant.now();
        X500Principal subject = new X500Principal("CN=" + name + " Root CA,O=" + name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, nextSerial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(Duration.ofDays(7300))), subject, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(pair.getPublic()));
            return new TestIdentity(pair, sign(builder, pair.getPrivate()), new ArrayList<>());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create root " + subject, e);
        }
    }
}
