package org.smimegateway.admin.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.smimegateway.admin.CryptoProvider;
import org.smimegateway.admin.KeyAlgorithm;

/**
 * Wraps a canonical MIME entity in an S/MIME clear signature (RFC 8551 multipart/signed with a detached CMS
 * SignedData), so that clients without S/MIME still read the instructions.
 */
public final class ClearSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;

    public ClearSigner(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
        this.key = key;
        this.certificate = certificate;
        this.chain = List.copyOf(chain);
    }

    /** Returns the multipart/signed entity: its Content-Type header, a blank line, and the body. */
    public byte[] sign(byte[] canonicalEntity) {
        String algorithm = KeyAlgorithm.signatureAlgorithmFor(key);
        byte[] signature = signature(canonicalEntity, algorithm);
        String micalg = algorithm.startsWith("SHA384") ? "sha-384" : "sha-256";
        String boundary = "----=_signed_" + Long.toHexString(CryptoProvider.random().nextLong());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ascii(out, "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=" + micalg
                + ";\r\n\tboundary=\"" + boundary + "\"\r\n\r\n");
            ascii(out, "This is an S/MIME signed message\r\n\r\n--" + boundary + "\r\n");
            out.write(canonicalEntity);
            ascii(out, "\r\n--" + boundary + "\r\n");
            ascii(out, "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n");
            ascii(out, Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(signature) + "\r\n");
            ascii(out, "\r\n--" + boundary + "--\r\n");
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    private byte[] signature(byte[] content, String algorithm) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm)
                .setProvider(CryptoProvider.bouncyCastle()).build(key);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(CryptoProvider.bouncyCastle()).build())
                .build(signer, certificate));
            List<X509Certificate> certificates = new ArrayList<>();
            certificates.add(certificate);
            certificates.addAll(chain);
            generator.addCertificates(new JcaCertStore(certificates));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            return signed.getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot sign the mail with " + algorithm.toLowerCase(Locale.ROOT), e);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
