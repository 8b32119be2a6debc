package org.smimegateway.keystore.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.store.KeyEntry;

/**
 * Reads a PEM key file: one private key (PKCS#8, encrypted PKCS#8, or traditional OpenSSL RSA/EC) followed or
 * preceded by its certificate and optionally the chain, as {@code cat key.pem cert.pem chain.pem} produces. The key's
 * certificate is the only end-entity certificate in the file.
 */
final class PemKeyReader {
    private PemKeyReader() {
    }

    static List<KeyEntry> read(byte[] content, char[] password, String origin) throws GeneralSecurityException {
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(content),
            StandardCharsets.US_ASCII))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                PrivateKey found = privateKey(object, password);
                if (found != null) {
                    if (key != null) {
                        throw new GeneralSecurityException("more than one private key in one PEM file");
                    }
                    key = found;
                }
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("malformed PEM key file: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new GeneralSecurityException("no private key in PEM file");
        }
        List<X509Certificate> certificates;
        try {
            certificates = CertificateCodec.certificates(content);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("a PEM key file must also hold the key's certificate");
        }
        List<X509Certificate> endEntities = certificates.stream().filter(c -> c.getBasicConstraints() < 0).toList();
        if (endEntities.size() != 1) {
            throw new GeneralSecurityException("a PEM key file must hold exactly one end-entity certificate, found "
                + endEntities.size());
        }
        X509Certificate certificate = endEntities.get(0);
        if (key instanceof RSAPrivateCrtKey rsa && certificate.getPublicKey() instanceof RSAPublicKey publicKey
            && !rsa.getModulus().equals(publicKey.getModulus())) {
            throw new GeneralSecurityException("the private key does not belong to the certificate");
        }
        List<X509Certificate> chain = new ArrayList<>(certificates);
        chain.remove(certificate);
        return List.of(new KeyEntry(key, certificate, chain, origin));
    }

    private static PrivateKey privateKey(Object object, char[] password) throws GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Providers.BC).build(required(password))));
            }
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                return converter.getKeyPair(encrypted.decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(Providers.BC).build(required(password))))
                    .getPrivate();
            }
            return null;
        } catch (PKCSException | OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot decrypt the private key (wrong password?)", e);
        }
    }

    private static char[] required(char[] password) throws GeneralSecurityException {
        if (password == null) {
            throw new GeneralSecurityException("the private key is encrypted and no password is configured");
        }
        return password;
    }
}
