package org.smimegateway.keystore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes {@link TestPki} material to files in the formats operators and other tools use. Every method creates
 * missing parent directories and returns the path it wrote.
 */
public final class PkiFiles {
    /** PBKDF2 iteration count for PKCS#12 files: low enough to keep tests fast, the format is what matters. */
    private static final int PKCS12_ITERATIONS = 2048;

    private PkiFiles() {
    }

    /** PEM ({@code -----BEGIN CERTIFICATE-----}), one block per certificate, in order. */
    public static Path writePem(Path file, X509Certificate... certificates) {
        return write(file, pem((Object[]) certificates).getBytes(StandardCharsets.US_ASCII));
    }

    /** One certificate in DER. */
    public static Path writeDer(Path file, X509Certificate certificate) {
        try {
            return write(file, certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certs-only PKCS#7 / CMS SignedData ({@code .p7b}, DER) holding the certificates. */
    public static Path writeP7b(Path file, X509Certificate... certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(List.of(certificates)));
            return write(file, generator.generate(new CMSAbsentContent()).getEncoded());
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL in PEM ({@code -----BEGIN X509 CRL-----}). */
    public static Path writeCrlPem(Path file, X509CRL crl) {
        return write(file, pem(crl).getBytes(StandardCharsets.US_ASCII));
    }

    /** A CRL in DER. */
    public static Path writeCrlDer(Path file, X509CRL crl) {
        try {
            return write(file, crl.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), for tools like openssl. */
    public static Path writePrivateKeyPem(Path file, TestIdentity identity) {
        try {
            return write(file, pem(new JcaPKCS8Generator(identity.privateKey(), null))
                .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A password-protected PKCS#12 file with the key, its certificate and the chain under alias {@code alias}. Keys
     * and certificates are encrypted with PBES2 (PBKDF2-HmacSHA256, AES-256-CBC) and the MAC is HmacSHA256, which
     * OpenSSL 3, NSS and the JDK read.
     */
    public static Path writePkcs12(Path file, TestIdentity identity, char[] password, String alias) {
        return write(file, pkcs12(List.of(identity), password, alias));
    }

    /** {@link #writePkcs12(Path, TestIdentity, char[], String)} with alias {@code "key"}. */
    public static Path writePkcs12(Path file, TestIdentity identity, char[] password) {
        return writePkcs12(file, identity, password, "key");
    }

    /** PKCS#12 bytes with several key entries (aliases {@code alias}, {@code alias-2}, ...), e.g. old and new keys. */
    public static byte[] pkcs12(List<TestIdentity> identities, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password,
                "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(salt(), PKCS12_ITERATIONS));
            int n = 1;
            for (TestIdentity identity : identities) {
                String entryAlias = n == 1 ? alias : alias + "-" + n;
                n++;
                store.setEntry(entryAlias, new KeyStore.PrivateKeyEntry(identity.privateKey(),
                    identity.certificateAndChain().toArray(Certificate[]::new)), protection);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write PKCS#12", e);
        }
    }

    /** Writes raw bytes (e.g. from {@link #pkcs12}) to {@code file}. */
    public static Path write(Path file, byte[] content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    private static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
