package org.smimegateway.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * RSA-2048 keys and certificates for the benchmarks: a CA, a sender and ten recipients, as JDK objects (so both
 * our relocated engine and the plain bcmail peer accept them) and as PEM files for openssl.
 */
public final class BenchmarkPki {
    public record Party(String address, KeyPair keys, X509Certificate certificate, Path certificatePem, Path keyPem) {
    }

    private final X509Certificate ca;
    private final Path caPem;
    private final Party sender;
    private final List<Party> recipients;

    private BenchmarkPki(X509Certificate ca, Path caPem, Party sender, List<Party> recipients) {
        this.ca = ca;
        this.caPem = caPem;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
    }

    public static BenchmarkPki create(Path dir, int recipientCount) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair caKeys = generator.generateKeyPair();
            X500Name caName = new X500Name("CN=Benchmark CA,O=smime-gateway");
            X509Certificate ca = certificate(caName, caKeys, caName, caKeys, null, true, BigInteger.ONE);
            Path caPem = writePem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
            Party sender = party(dir, generator, "sender@gateway.test", caName, caKeys, BigInteger.TWO);
            List<Party> recipients = new ArrayList<>();
            for (int i = 0; i < recipientCount; i++) {
                recipients.add(party(dir, generator, "recipient" + i + "@remote.test", caName, caKeys, BigInteger.valueOf(10 + i)));
            }
            return new BenchmarkPki(ca, caPem, sender, recipients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKI that {@link #create} wrote to {@code dir}, read back from its PEM files (for child JVMs). */
    public static BenchmarkPki load(Path dir, int recipientCount) {
        try {
            X509Certificate ca = readCertificate(dir.resolve("ca.pem"));
            Party sender = readParty(dir, "sender@gateway.test");
            List<Party> recipients = new ArrayList<>();
            for (int i = 0; i < recipientCount; i++) {
                recipients.add(readParty(dir, "recipient" + i + "@remote.test"));
            }
            return new BenchmarkPki(ca, dir.resolve("ca.pem"), sender, recipients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Party readParty(Path dir, String address) throws IOException, GeneralSecurityException {
        String name = address.replace('@', '_');
        X509Certificate certificate = readCertificate(dir.resolve(name + ".pem"));
        String pem = Files.readString(dir.resolve(name + ".key"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        return new Party(address, new KeyPair(certificate.getPublicKey(), key), certificate,
            dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (java.io.InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Party party(Path dir, KeyPairGenerator generator, String address, X500Name caName, KeyPair caKeys,
                               BigInteger serial) throws GeneralSecurityException, IOException,
        org.bouncycastle.operator.OperatorCreationException {
        KeyPair keys = generator.generateKeyPair();
        // The e-mail also in the subject (EMAILADDRESS): James's SMIMESign reads the signer's address only there.
        X509Certificate certificate = certificate(new X500Name("CN=" + address + ",E=" + address), keys, caName, caKeys, address, false, serial);
        String name = address.replace('@', '_');
        return new Party(address, keys, certificate,
            writePem(dir.resolve(name + ".pem"), "CERTIFICATE", certificate.getEncoded()),
            writePem(dir.resolve(name + ".key"), "PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys,
                                               String email, boolean ca, BigInteger serial)
        throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
            new Date(now - 86_400_000L), new Date(now + 365L * 86_400_000L), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        }
        byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())).getEncoded();
        // JDK certificate objects: neutral between our relocated Bouncy Castle and the peer's plain one.
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    public X509Certificate ca() {
        return ca;
    }

    public Path caPem() {
        return caPem;
    }

    public Party sender() {
        return sender;
    }

    public List<Party> recipients() {
        return recipients;
    }
}
