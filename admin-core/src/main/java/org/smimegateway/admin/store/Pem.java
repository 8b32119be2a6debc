package org.smimegateway.admin.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.smimegateway.admin.CryptoProvider;
import org.smimegateway.keystore.codec.CertificateCodec;

/** PEM and DER encoding of certificates, CRLs and encrypted private keys. */
public final class Pem {

    private static final int KEY_ITERATIONS = 100_000;

    private Pem() {
    }

    public static byte[] certificates(Collection<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    public static byte[] crl(X509CRL crl) {
        return write(crl);
    }

    /** PKCS#8 EncryptedPrivateKeyInfo with PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA-256), readable by {@code openssl pkey}. */
    public static byte[] encryptedPrivateKey(PrivateKey key, char[] password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(CryptoProvider.bouncyCastle())
                .setRandom(CryptoProvider.random())
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(KEY_ITERATIONS)
                .setPassword(password)
                .build();
            return write(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encrypt the private key", e);
        }
    }

    public static PrivateKey decryptPrivateKey(byte[] pem, char[] password) {
        try (PEMParser parser = parser(pem)) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
                throw new IllegalArgumentException("not an encrypted PKCS#8 private key");
            }
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(CryptoProvider.bouncyCastle()).build(password);
            return new JcaPEMKeyConverter().setProvider(CryptoProvider.bouncyCastle())
                .getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
        } catch (PKCSException e) {
            throw new IllegalArgumentException("wrong CA password (the private key does not decrypt)", e);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalArgumentException("cannot read the private key", e);
        }
    }

    /** Reads every certificate in PEM, DER or certs-only PKCS#7, with the gateway's own codec. */
    public static List<X509Certificate> readCertificates(byte[] encoded) {
        try {
            return CertificateCodec.certificates(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate (PEM, DER or PKCS#7 expected)", e);
        }
    }

    /** Reads the first CRL in PEM or DER, with the gateway's own codec. */
    public static X509CRL readCrl(byte[] encoded) {
        try {
            return CertificateCodec.crls(encoded).get(0);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a CRL (PEM or DER expected)", e);
        }
    }

    private static PEMParser parser(byte[] pem) {
        return new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)));
    }

    private static byte[] write(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM", e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
