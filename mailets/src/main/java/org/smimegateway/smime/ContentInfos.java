package org.smimegateway.smime;

import java.io.IOException;
import java.io.InputStream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;

/**
 * Reads the CMS ContentInfo of an {@code application/pkcs7-mime} body straight from its decoding stream (no copy of
 * the DER), with every ASN.1 length bounded by the size of the body: the decoded CMS is smaller than its base64, so
 * a length claiming more is an attack (or damage) and fails fast instead of allocating it.
 */
final class ContentInfos {
    private ContentInfos() {
    }

    /** The ContentInfo; IOException for anything that is not one (bad base64, truncation, absurd lengths, garbage). */
    static ContentInfo read(MimeMessage message) throws IOException, MessagingException {
        int limit = message.getSize() > 0 ? message.getSize() : Integer.MAX_VALUE;
        try (InputStream in = MimeEntities.decodedBody(message); ASN1InputStream asn1 = new ASN1InputStream(in, limit)) {
            ASN1Primitive primitive = asn1.readObject();
            if (primitive == null) {
                throw new IOException("empty body");
            }
            return ContentInfo.getInstance(primitive);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle's way of saying "this ASN.1 is not a ContentInfo".
            throw new IOException("not a CMS ContentInfo: " + e.getMessage(), e);
        }
    }
}
