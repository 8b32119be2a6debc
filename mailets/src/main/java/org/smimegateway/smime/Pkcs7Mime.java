package org.smimegateway.smime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.mail.MessagingException;

import org.bouncycastle.cms.CMSException;

/**
 * The {@code application/pkcs7-mime} entity around a CMS object, the CMS streamed through a base64 encoder straight
 * into the message being built.
 */
final class Pkcs7Mime {
    private static final byte[] CRLF = {'\r', '\n'};

    private Pkcs7Mime() {
    }

    /**
     * Size of the entity around {@code cmsSize} bytes of CMS: base64 (4/3) in 76-character lines with CRLF (78/76),
     * and room for the headers. A good guess spares the buffer a grow-and-copy of the whole message.
     */
    static int expectedSize(long cmsSize) {
        // The CMS itself carries its framing and padding on top of its content.
        long withFraming = cmsSize + cmsSize / 1024 + 256;
        return (int) Math.min(Integer.MAX_VALUE - 64, withFraming * 4 / 3 * 78 / 76 + 1024);
    }

    /** The media type: the standard name, or the S/MIME version 2 one that old clients know (RFC 8551 3.2.1). */
    static String mediaType(boolean legacy) {
        return legacy ? "application/x-pkcs7-mime" : "application/pkcs7-mime";
    }

    /** Writes the entity headers, then whatever {@code cms} writes, base64 in 76-character lines. */
    static void write(OutputStream out, String smimeType, MimeEntities.EntityWriter cms)
        throws IOException, MessagingException, CMSException {
        write(out, mediaType(false), smimeType, cms);
    }

    /** As {@link #write(OutputStream, String, MimeEntities.EntityWriter)} under the given media type. */
    static void write(OutputStream out, String mediaType, String smimeType, MimeEntities.EntityWriter cms)
        throws IOException, MessagingException, CMSException {
        out.write(("Content-Type: " + mediaType + "; smime-type=" + smimeType + "; name=\"smime.p7m\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
            + "Content-Description: S/MIME Cryptographic Message\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        OutputStream base64 = Base64.getMimeEncoder(76, CRLF).wrap(new KeptOpen(out));
        cms.write(base64);
        // Closing the encoder writes its last group; the message buffer behind it stays open.
        base64.close();
        out.write(CRLF);
    }
}
