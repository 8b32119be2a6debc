package org.smimegateway.admin.pkcs12;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.smimegateway.admin.CryptoProvider;

/** Writes a key, its certificate and the chain above it as one PKCS#12 file. */
public final class Pkcs12Exporter {

    /** OWASP 2023 asks for 600 000 PBKDF2-SHA-256 rounds for login passwords; a 116-bit random one needs far less. */
    private static final int ITERATIONS = 100_000;
    /** What OpenSSL writes for its legacy files too; higher counts make old clients time out. */
    private static final int LEGACY_ITERATIONS = 2048;

    public byte[] export(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain,
                         String friendlyName, char[] password, Pkcs12Encryption encryption) {
        try {
            OutputEncryptor encryptor = encryptor(password, encryption);
            SubjectKeyIdentifier localKeyId = new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils()
                .createSubjectKeyIdentifier(certificate.getPublicKey());

            List<PKCS12SafeBag> certificates = new ArrayList<>();
            PKCS12SafeBagBuilder endEntity = new JcaPKCS12SafeBagBuilder(certificate);
            endEntity.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            endEntity.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            certificates.add(endEntity.build());
            for (X509Certificate issuer : chain) {
                PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(issuer);
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                    new DERBMPString(issuer.getSubjectX500Principal().getName()));
                certificates.add(bag.build());
            }

            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password, encryption), certificates.toArray(new PKCS12SafeBag[0]));
            pfx.addData(keyBag.build());
            return pfx.build(mac(encryption), password).getEncoded();
        } catch (IOException | PKCSException | OperatorCreationException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file", e);
        }
    }

    private static OutputEncryptor encryptor(char[] password, Pkcs12Encryption encryption)
        throws OperatorCreationException {
        return switch (encryption) {
            case AES_256_PBKDF2 -> new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(CryptoProvider.bouncyCastle())
                .setRandom(CryptoProvider.random())
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(ITERATIONS)
                .build(password);
            case LEGACY_3DES -> new JcePKCSPBEOutputEncryptorBuilder(
                PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setProvider(CryptoProvider.bouncyCastle())
                .setRandom(CryptoProvider.random())
                .setIterationCount(LEGACY_ITERATIONS)
                .build(password);
        };
    }

    private static JcePKCS12MacCalculatorBuilder mac(Pkcs12Encryption encryption) {
        ASN1ObjectIdentifier digest = encryption == Pkcs12Encryption.LEGACY_3DES
            ? OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256;
        int iterations = encryption == Pkcs12Encryption.LEGACY_3DES ? LEGACY_ITERATIONS : ITERATIONS;
        return new JcePKCS12MacCalculatorBuilder(digest)
            .setProvider(CryptoProvider.bouncyCastle())
            .setIterationCount(iterations);
    }
}
