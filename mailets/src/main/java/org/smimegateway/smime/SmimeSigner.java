package org.smimegateway.smime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.ThreadRandomness;

/**
 * Signs a message with a signing identity: clear-signed {@code multipart/signed} by default, the signed entity
 * first made 7-bit safe and CRLF-canonical so no relay can break it; or opaque {@code signed-data}. The signer's
 * chain (without self-signed roots), S/MIME capabilities and signing time go into the signature. Envelope headers
 * (From, To, Subject, ...) stay outside the signature, as in every S/MIME client. The CMS is DER.
 */
public final class SmimeSigner {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final AttributeTable CAPABILITIES = capabilities();
    private static final DigestCalculatorProvider DIGESTS = Digests.JDK_FIRST;

    private final DigestAlgorithm digest;
    private final SignatureScheme scheme;
    private final SignFormat format;

    public SmimeSigner(DigestAlgorithm digest, SignatureScheme scheme, SignFormat format) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.format = Objects.requireNonNull(format, "format");
    }

    public MimeMessage sign(MimeMessage message, SigningIdentity identity) throws MessagingException, IOException {
        return sign(message, identity, Optional.empty());
    }

    /**
     * Signs as {@link #sign(MimeMessage, SigningIdentity)}; when the sender's encryption certificate is known, the
     * signature names it in an SMIMEEncryptionKeyPreference attribute (RFC 8551 2.5.3), which clients (Outlook first)
     * use to pick the certificate to encrypt replies with when it differs from the signing one.
     */
    public MimeMessage sign(MimeMessage message, SigningIdentity identity, Optional<X509Certificate> encryptionCertificate)
        throws MessagingException, IOException {
        return sign(message, identity, encryptionCertificate, false);
    }

    /**
     * Signs as {@link #sign(MimeMessage, SigningIdentity, Optional)}; with {@code legacyContentTypes} under the
     * S/MIME version 2 names ({@code application/x-pkcs7-signature}, {@code application/x-pkcs7-mime}) that old
     * clients know (RFC 8551 3.2.1 has receivers accept both).
     */
    public MimeMessage sign(MimeMessage message, SigningIdentity identity, Optional<X509Certificate> encryptionCertificate,
                            boolean legacyContentTypes) throws MessagingException, IOException {
        byte[] entity = MimeEntities.canonical(MimeEntities.sevenBitSafe(MimeEntities.contentEntity(message)));
        try {
            SignerInfoGenerator signer = signerInfo(identity, encryptionCertificate);
            JcaCertStore certificates = new JcaCertStore(certificatesToInclude(identity));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signer);
            generator.addCertificates(certificates);
            // The signature is made over the entity in memory, detached; DER throughout (no indefinite lengths).
            CMSSignedData detached = generator.generate(new Entity(entity), false);
            if (format == SignFormat.OPAQUE) {
                ContentInfo attached = withContent(detached, entity);
                // Signed-data: the entity plus certificates and signature.
                int expected = Pkcs7Mime.expectedSize(entity.length + 16 * 1024L);
                return MimeEntities.withEntity(message, expected, out -> Pkcs7Mime.write(out, Pkcs7Mime.mediaType(legacyContentTypes), "signed-data",
                    cms -> attached.encodeTo(cms, ASN1Encoding.DER)));
            }
            byte[] signature = detached.getEncoded(ASN1Encoding.DER);
            return MimeEntities.withEntity(message, entity.length + signature.length * 2,
                out -> clearSigned(out, entity, signature, legacyContentTypes ? "application/x-pkcs7-signature"
                    : "application/pkcs7-signature"));
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new MessagingException("Signing as " + identity + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The detached signed-data with the entity put inside (encapsulated): the same signature, as the signed
     * attributes cover only the entity's digest. Encoded by Bouncy Castle straight into the output, the entity
     * written from its own array without a copy.
     */
    private static ContentInfo withContent(CMSSignedData detached, byte[] entity) {
        SignedData signed = SignedData.getInstance(detached.toASN1Structure().getContent());
        SignedData attached = new SignedData(signed.getDigestAlgorithms(),
            new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(entity)),
            signed.getCertificates(), signed.getCRLs(), signed.getSignerInfos());
        return new ContentInfo(CMSObjectIdentifiers.signedData, attached);
    }

    private SignerInfoGenerator signerInfo(SigningIdentity identity, Optional<X509Certificate> encryptionCertificate)
        throws GeneralSecurityException, OperatorCreationException {
        String keyAlgorithm = identity.privateKey().getAlgorithm();
        String signatureName = scheme.jcaName(digest, keyAlgorithm);
        PrivateKey signingKey = identity.privateKey();
        JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(signatureName);
        if (scheme == SignatureScheme.RSA_PSS && !keyAlgorithm.equals("EC")) {
            // PSS parameters are named the Bouncy Castle way; the JDK's plain RSA and ECDSA are faster elsewhere.
            signerBuilder.setProvider(Providers.BC);
        } else {
            // RSA PKCS#1 v1.5 and ECDSA: the native provider's when in use (several times the JDK's signing rate).
            Optional<Provider> provider = CryptoProviders.offering("Signature", signatureName);
            if (provider.isPresent()) {
                signingKey = CryptoProviders.nativeKey(provider.get(), signingKey);
                signerBuilder.setProvider(provider.get());
            }
        }
        ContentSigner contentSigner = signerBuilder.build(signingKey);
        // The default table adds content type, message digest and signing time to the capabilities.
        return new JcaSignerInfoGeneratorBuilder(DIGESTS)
            .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(
                encryptionCertificate.map(SmimeSigner::withKeyPreference).orElse(CAPABILITIES)))
            .build(contentSigner, identity.certificate());
    }

    private static List<X509Certificate> certificatesToInclude(SigningIdentity identity) throws CertificateEncodingException {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(identity.certificate());
        for (X509Certificate issuer : identity.chain()) {
            if (!issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                certificates.add(issuer);
            }
        }
        return certificates;
    }

    private void clearSigned(OutputStream out, byte[] entity, byte[] signature, String signatureType) throws IOException {
        byte[] random = new byte[12];
        ThreadRandomness.current().nextBytes(random);
        String boundary = "----=_smime_" + HexFormat.of().formatHex(random);
        ascii(out, "Content-Type: multipart/signed; protocol=\"" + signatureType + "\"; micalg=" + digest.micalg()
            + "; boundary=\"" + boundary + "\"\r\n\r\n");
        ascii(out, "This is an S/MIME signed message\r\n\r\n--" + boundary + "\r\n");
        out.write(entity);
        ascii(out, "\r\n--" + boundary + "\r\n");
        ascii(out, "Content-Type: " + signatureType + "; name=\"smime.p7s\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
            + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
        out.write(base64(signature));
        ascii(out, "\r\n--" + boundary + "--\r\n");
    }

    /** An application/pkcs7-mime entity around a finished CMS object. */
    static byte[] opaque(byte[] der, String smimeType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(der.length * 4 / 3 + 512);
        try {
            Pkcs7Mime.write(out, smimeType, base64 -> base64.write(der));
        } catch (IOException | MessagingException | CMSException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    static byte[] base64(byte[] der) {
        return Base64.getMimeEncoder(76, CRLF).encode(der);
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static AttributeTable withKeyPreference(X509Certificate encryptionCertificate) {
        IssuerAndSerialNumber id = new IssuerAndSerialNumber(
            X500Name.getInstance(encryptionCertificate.getIssuerX500Principal().getEncoded()),
            encryptionCertificate.getSerialNumber());
        ASN1EncodableVector attributes = CAPABILITIES.toASN1EncodableVector();
        attributes.add(new SMIMEEncryptionKeyPreferenceAttribute(id));
        return new AttributeTable(attributes);
    }

    private static AttributeTable capabilities() {
        SMIMECapabilityVector vector = new SMIMECapabilityVector();
        vector.addCapability(SMIMECapability.aES256_CBC);
        vector.addCapability(SMIMECapability.aES128_CBC);
        vector.addCapability(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.1.46")); // AES-256-GCM
        vector.addCapability(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.1.6")); // AES-128-GCM
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new SMIMECapabilitiesAttribute(vector));
        return new AttributeTable(attributes);
    }

    /** The entity to sign, handed to Bouncy Castle without the defensive copy CMSProcessableByteArray makes. */
    private record Entity(byte[] bytes) implements CMSTypedData {
        @Override
        public ASN1ObjectIdentifier getContentType() {
            return CMSObjectIdentifiers.data;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public Object getContent() {
            return bytes;
        }
    }
}
