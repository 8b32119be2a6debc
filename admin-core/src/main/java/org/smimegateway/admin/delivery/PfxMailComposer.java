package org.smimegateway.admin.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

/**
 * Builds the MIME entity of the PKCS#12 mail (multipart/mixed: instructions, attachment) as canonical bytes: CRLF
 * line ends and 7-bit transfer encodings, so that the bytes signed are the bytes sent.
 */
public final class PfxMailComposer {

    public byte[] entity(PfxMail mail) {
        try {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(toCrlf(mail.instructions()), StandardCharsets.UTF_8.name());
            text.setHeader("Content-Transfer-Encoding", "quoted-printable");

            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.pkcs12(), "application/pkcs12")));
            attachment.setFileName(mail.fileName());
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            attachment.setHeader("Content-Transfer-Encoding", "base64");

            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(text);
            mixed.addBodyPart(attachment);

            // A throw-away message lets JavaMail settle every part header before the bytes are taken.
            MimeMessage carrier = new MimeMessage(Session.getInstance(new Properties()));
            carrier.setContent(mixed);
            carrier.saveChanges();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(("Content-Type: " + carrier.getContentType() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            mixed.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot compose the PKCS#12 mail", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toCrlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
