package org.smimegateway.smime;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.mail.MessagingException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Writes a ContentInfo holding EnvelopedData (RFC 5652) or, for an AEAD cipher, AuthEnvelopedData (RFC 5083) with
 * definite lengths only, the encrypted content streamed. Bouncy Castle's stream generators write indefinite lengths
 * (BER), which DER-only parsers (pyca/cryptography, RustCrypto, forge) refuse; its one-shot generators hold the
 * whole ciphertext in memory. Here every part but the encrypted content is Bouncy Castle's own DER encoding, and the
 * lengths around the content are computed from the plaintext length, known before the first byte is encrypted:
 * AES-CBC with PKCS#7 padding adds 1 to 16 bytes, GCM adds none (its tag travels in the {@code mac} field).
 */
final class DefiniteEnvelope {
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int EXPLICIT_0 = 0xA0;
    private static final int IMPLICIT_PRIMITIVE_0 = 0x80;
    private static final int AES_BLOCK = 16;

    private DefiniteEnvelope() {
    }

    /**
     * Writes the ContentInfo to {@code out} (left open); {@code plaintext} must write exactly {@code plaintextLength}
     * bytes, or the write fails (a wrong length would make a structure no one can read).
     */
    static void write(OutputStream out, OutputEncryptor encryptor, List<RecipientInfoGenerator> recipients,
        long plaintextLength, MimeEntities.EntityWriter plaintext) throws IOException, MessagingException, CMSException {
        boolean authenticated = encryptor instanceof OutputAEADEncryptor;
        ASN1EncodableVector infos = new ASN1EncodableVector();
        for (RecipientInfoGenerator recipient : recipients) {
            infos.add(recipient.generate(encryptor.getKey()));
        }
        DERSet recipientInfos = new DERSet(infos);
        // AuthEnvelopedData is always version 0 (RFC 5083); EnvelopedData's depends on the recipient info kinds.
        int version = authenticated ? 0 : EnvelopedData.calculateVersion(null, recipientInfos, null);
        byte[] head = concat(der(new ASN1Integer(version)), der(recipientInfos));
        byte[] contentHead = concat(der(CMSObjectIdentifiers.data), der(encryptor.getAlgorithmIdentifier()));
        long contentLength = authenticated ? plaintextLength : (plaintextLength / AES_BLOCK + 1) * AES_BLOCK;
        int tagLength = authenticated
            ? GCMParameters.getInstance(encryptor.getAlgorithmIdentifier().getParameters()).getIcvLen() : 0;

        long contentInfo = contentHead.length + headerSize(contentLength) + contentLength;
        long body = head.length + headerSize(contentInfo) + contentInfo
            + (authenticated ? headerSize(tagLength) + tagLength : 0);
        long explicit = headerSize(body) + body;
        byte[] type = der(authenticated ? CMSObjectIdentifiers.authEnvelopedData : CMSObjectIdentifiers.envelopedData);

        header(out, SEQUENCE, type.length + headerSize(explicit) + explicit);
        out.write(type);
        header(out, EXPLICIT_0, explicit);
        header(out, SEQUENCE, body);
        out.write(head);
        header(out, SEQUENCE, contentInfo);
        out.write(contentHead);
        header(out, IMPLICIT_PRIMITIVE_0, contentLength);
        Counted counted = new Counted(out);
        OutputStream cipher = encryptor.getOutputStream(counted);
        // The writer may close what it is given; the cipher is finished here, once.
        plaintext.write(new KeptOpen(cipher));
        cipher.close();
        if (counted.count != contentLength) {
            throw new IllegalStateException("encrypted content is " + counted.count + " bytes, announced "
                + contentLength + " (plaintext length miscounted)");
        }
        if (authenticated) {
            byte[] mac = ((OutputAEADEncryptor) encryptor).getMAC();
            if (mac.length != tagLength) {
                throw new IllegalStateException("GCM tag is " + mac.length + " bytes, announced " + tagLength);
            }
            out.write(der(new DEROctetString(mac)));
        }
    }

    /** Bytes of the tag and length octets in front of {@code length} bytes of content (one-byte tags only). */
    static int headerSize(long length) {
        return 1 + (length < 0x80 ? 1 : 1 + lengthOctets(length));
    }

    /** Writes a one-byte tag and a definite length in its shortest form (X.690 8.1.3, as DER requires). */
    static void header(OutputStream out, int tag, long length) throws IOException {
        out.write(tag);
        if (length < 0x80) {
            out.write((int) length);
            return;
        }
        int octets = lengthOctets(length);
        out.write(0x80 | octets);
        for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (length >>> shift) & 0xff);
        }
    }

    private static int lengthOctets(long length) {
        int octets = 1;
        while ((length >>> (8 * octets)) != 0) {
            octets++;
        }
        return octets;
    }

    private static byte[] der(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream(first.length + second.length);
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }

    /** Counts what the cipher writes; closing it leaves the stream behind open (the ContentInfo goes on). */
    private static final class Counted extends FilterOutputStream {
        private long count;

        Counted(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
