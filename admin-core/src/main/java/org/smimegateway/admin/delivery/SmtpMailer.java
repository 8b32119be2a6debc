package org.smimegateway.admin.delivery;

import java.io.ByteArrayInputStream;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits finished message bytes over SMTP. It uses {@link Transport#sendMessage} on a parsed message and never
 * {@code saveChanges()}, which would re-encode parts and break the signature.
 */
public final class SmtpMailer implements MailSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpSettings settings;

    public SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public MailOutcome send(String envelopeFrom, String recipient, MessageAssembler.Assembled message) {
        String protocol = settings.tls() == TlsMode.SMTPS ? "smtps" : "smtp";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", Integer.toString(settings.port()));
        properties.setProperty(prefix + "from", envelopeFrom);
        properties.setProperty(prefix + "auth", Boolean.toString(settings.username().isPresent()));
        properties.setProperty(prefix + "connectiontimeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(settings.timeout().toMillis()));
        if (settings.tls() == TlsMode.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.tls() != TlsMode.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport(protocol)) {
            MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(message.bytes()));
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                settings.password().map(String::new).orElse(null));
            transport.sendMessage(parsed, new InternetAddress[]{new InternetAddress(recipient, true)});
            LOG.info("PKCS#12 mail {} to {} accepted by {}:{}", message.messageId(), recipient, settings.host(),
                settings.port());
            return new MailOutcome.Sent(message.messageId());
        } catch (MessagingException e) {
            LOG.info("PKCS#12 mail {} to {} refused: {}", message.messageId(), recipient, e.getMessage());
            return new MailOutcome.Failed("SMTP " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
        }
    }
}
