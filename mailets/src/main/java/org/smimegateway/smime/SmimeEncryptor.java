package org.smimegateway.smime;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.smimegateway.keystore.Providers;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/**
 * Encrypts a message's content entity for a set of certificates: one EnvelopedData (or AuthEnvelopedData for
 * AES-GCM, RFC 5083) with one RecipientInfo per certificate: RSA key transport (PKCS#1 v1.5 or OAEP SHA-256) for RSA
 * certificates, ECDH (RFC 5753, SHA-256 KDF, AES key wrap) for EC certificates. Envelope headers stay outside.
 * The CMS has definite lengths throughout (see {@link DefiniteEnvelope}), so DER-only readers can open it too,
 * unless {@link CmsLengths#INDEFINITE} asks for Bouncy Castle's one-pass BER framing.
 */
public final class SmimeEncryptor {
    private final ContentEncryption contentEncryption;
    private final KeyTransport keyTransport;
    private final CmsLengths lengths;

    public SmimeEncryptor(ContentEncryption contentEncryption, KeyTransport keyTransport) {
        this(contentEncryption, keyTransport, CmsLengths.DEFINITE);
    }

    public SmimeEncryptor(ContentEncryption contentEncryption, KeyTransport keyTransport, CmsLengths lengths) {
        this.contentEncryption = Objects.requireNonNull(contentEncryption, "contentEncryption");
        this.keyTransport = Objects.requireNonNull(keyTransport, "keyTransport");
        this.lengths = Objects.requireNonNull(lengths, "lengths");
    }

    public MimeMessage encrypt(MimeMessage message, List<X509Certificate> recipients) throws MessagingException, IOException {
        return encrypt(message, recipients, OutgoingForm.STANDARD);
    }

    /** Encrypts as {@link #encrypt(MimeMessage, List)}, in the given form (content type names, header protection). */
    public MimeMessage encrypt(MimeMessage message, List<X509Certificate> recipients, OutgoingForm form)
        throws MessagingException, IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipient certificate to encrypt for");
        }
        String smimeType = contentEncryption.authenticated() ? "authEnveloped-data" : "enveloped-data";
        MimeEntities.EntityWriter entity = form.protectHeaders()
            ? out -> HeaderProtection.writeProtectedEntity(message, out)
            : out -> MimeEntities.writeContentEntity(message, out);
        try {
            // A certificate listed twice (e.g. recipient and sender) needs one RecipientInfo, not two.
            List<RecipientInfoGenerator> recipientInfos = new ArrayList<>();
            for (X509Certificate recipient : recipients.stream().distinct().toList()) {
                recipientInfos.add(recipientInfo(recipient));
            }
            OutputEncryptor encryptor = contentEncryptor();
            MimeEntities.EntityWriter canonicalEntity = plaintext -> {
                try (OutputStream canonical = new CrlfOutputStream(plaintext)) {
                    entity.write(canonical);
                }
            };
            // Definite lengths need the plaintext length up front: one counting pass, no copy of the entity.
            long plaintextLength = lengths == CmsLengths.DEFINITE
                ? MimeEntities.canonicalLength(entity) : Math.max(0, message.getSize());
            // The ciphertext is the size of the entity, plus recipient infos.
            int expected = Pkcs7Mime.expectedSize(plaintextLength + 2048L * (recipients.size() + 1));
            MimeMessage encrypted = MimeEntities.withEntity(message, expected,
                out -> Pkcs7Mime.write(out, Pkcs7Mime.mediaType(form.legacyContentTypes()), smimeType, cms -> {
                    if (lengths == CmsLengths.DEFINITE) {
                        DefiniteEnvelope.write(cms, encryptor, recipientInfos, plaintextLength, canonicalEntity);
                    } else {
                        IndefiniteEnvelope.write(cms, encryptor, recipientInfos, canonicalEntity);
                    }
                }));
            if (form.protectHeaders()) {
                HeaderProtection.obscureOuter(encrypted);
            }
            return encrypted;
        } catch (GeneralSecurityException | CMSException e) {
            throw new MessagingException("Encryption with " + contentEncryption + " failed: " + e.getMessage(), e);
        }
    }

    private OutputEncryptor contentEncryptor() throws CMSException {
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(contentEncryption.oid());
        if (contentEncryption.authenticated()) {
            return (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(algorithm).setProvider(Providers.BC).build();
        }
        // The JDK's AES (with CPU instructions) does the bulk work; key, IV and identifier come from our Bouncy Castle.
        return new CbcContentEncryptor(new JceCMSContentEncryptorBuilder(algorithm).build());
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate certificate) throws GeneralSecurityException {
        if (certificate.getPublicKey() instanceof ECPublicKey ecKey) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.BC);
            generator.initialize(ecKey.getParams());
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                ephemeral.getPublic(), keyWrapFor(contentEncryption))
                .addRecipient(certificate)
                .setProvider(Providers.BC);
        }
        if (keyTransport == KeyTransport.RSA_OAEP_SHA256) {
            OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
            return new JceKeyTransRecipientInfoGenerator(certificate, new JcaAlgorithmParametersConverter()
                .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep)).setProvider(Providers.BC);
        }
        // PKCS#1 v1.5 by the native provider when in use (OAEP's parameters are named the Bouncy Castle way).
        return new JceKeyTransRecipientInfoGenerator(certificate)
            .setProvider(CryptoProviders.offering("Cipher", "RSA/ECB/PKCS1Padding").orElse(Providers.BC));
    }

    private static ASN1ObjectIdentifier keyWrapFor(ContentEncryption encryption) {
        return encryption == ContentEncryption.AES256_CBC || encryption == ContentEncryption.AES256_GCM
            ? CMSAlgorithm.AES256_WRAP : CMSAlgorithm.AES128_WRAP;
    }
}
