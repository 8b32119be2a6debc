package org.smimegateway.smime;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;

import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

/**
 * Moves CMS objects between our MIME messages and the files other S/MIME tools read and write, and builds the
 * inspector the interop tests judge peers' output with.
 */
final class PeerMessages {
    static final String BODY = "Hello Carol,\r\n\r\nthe figures are attached. Gr\u00fc\u00dfe!\r\n";

    private PeerMessages() {
    }

    /** An 8-bit text message from alice to carol, so signing has to make it 7-bit safe first. */
    static MimeMessage message() throws Exception {
        return MimeEntities.parse((headers() + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + BODY).getBytes(StandardCharsets.UTF_8));
    }

    private static String headers() {
        return "From: Alice <alice@gateway.test>\r\nTo: carol@remote.test\r\nSubject: figures\r\n"
            + "Message-ID: <peer@gateway.test>\r\nMIME-Version: 1.0\r\n";
    }

    /** The exact signed entity (first part) of a clear-signed message. */
    static byte[] signedContent(MimeMessage clearSigned) throws Exception {
        return MultipartSigned.split(clearSigned).orElseThrow()[0];
    }

    /** The DER of the detached signature (second part) of a clear-signed message. */
    static byte[] detachedSignature(MimeMessage clearSigned) throws Exception {
        byte[] part = MultipartSigned.split(clearSigned).orElseThrow()[1];
        try (InputStream in = new MimeBodyPart(new ByteArrayInputStream(part)).getInputStream()) {
            return MimeEntities.readFully(in);
        }
    }

    /** The DER of an application/pkcs7-mime message. */
    static byte[] cms(MimeMessage opaque) throws Exception {
        try (InputStream in = opaque.getInputStream()) {
            return MimeEntities.readFully(in);
        }
    }

    /** A clear-signed message from a peer's detached signature over {@code entity}. */
    static MimeMessage clearSigned(byte[] entity, byte[] signature) throws Exception {
        String boundary = "peer-boundary-42";
        byte[] head = (headers() + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
            + "micalg=sha-256; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] middle = ("\r\n--" + boundary + "\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return MimeEntities.parse(concat(head, entity, middle, SmimeSigner.base64(signature), tail));
    }

    /** An application/pkcs7-mime message around a peer's DER. */
    static MimeMessage opaque(byte[] der, String smimeType) throws Exception {
        return MimeEntities.parse(concat(headers().getBytes(StandardCharsets.US_ASCII), SmimeSigner.opaque(der, smimeType)));
    }

    /** Decrypts with the given identities' keys and trusts the PKI's root only. */
    static SmimeInspector inspector(TestPki pki, TestIdentity... keyHolders) {
        List<DecryptionKey> keys = Arrays.stream(keyHolders).map(TestIdentity::asDecryptionKey).toList();
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> keys.stream().filter(k -> names(selector, k)).toList(), false);
        return new SmimeInspector(Optional.of(decryptor), new SmimeVerifier(TestTrust.anchoredAt(pki.rootCertificate())));
    }

    private static boolean names(KeySelector selector, DecryptionKey key) {
        if (selector instanceof KeySelector.IssuerAndSerial is) {
            return is.issuer().equals(key.certificate().getIssuerX500Principal())
                && is.serialNumber().equals(key.certificate().getSerialNumber());
        }
        return false;
    }

    static String text(MimeMessage message) throws Exception {
        try (InputStream in = message.getInputStream()) {
            return new String(MimeEntities.readFully(in), StandardCharsets.UTF_8);
        }
    }

    private static byte[] concat(byte[]... pieces) {
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] result = new byte[length];
        int offset = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, result, offset, piece.length);
            offset += piece.length;
        }
        return result;
    }
}
