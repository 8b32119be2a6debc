package org.smimegateway.admin.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeUtility;
import org.smimegateway.admin.CryptoProvider;

/**
 * Puts the RFC 5322 header in front of a finished MIME entity. The entity is copied byte for byte, so a signature
 * over it stays valid.
 */
public final class MessageAssembler {

    private final Clock clock;

    public MessageAssembler(Clock clock) {
        this.clock = clock;
    }

    /** A finished message and the Message-ID it carries. */
    public record Assembled(byte[] bytes, String messageId) {
        public Assembled {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    public Assembled assemble(String from, String to, String subject, byte[] entity) {
        try {
            InternetAddress sender = new InternetAddress(from, true);
            InternetAddress recipient = new InternetAddress(to, true);
            String domain = sender.getAddress().substring(sender.getAddress().indexOf('@') + 1);
            byte[] random = new byte[12];
            CryptoProvider.random().nextBytes(random);
            String messageId = "<" + HexFormat.of().formatHex(random) + "." + clock.millis() + "@" + domain + ">";

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            header(out, "From", sender.toString());
            header(out, "To", recipient.toString());
            header(out, "Subject", MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", null)));
            header(out, "Date", new MailDateFormat().format(Date.from(clock.instant())));
            header(out, "Message-ID", messageId);
            header(out, "MIME-Version", "1.0");
            out.write(entity);
            return new Assembled(out.toByteArray(), messageId);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a valid address: " + e.getRef(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot assemble the message", e);
        }
    }

    private static void header(ByteArrayOutputStream out, String name, String value) throws IOException {
        out.write((name + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
