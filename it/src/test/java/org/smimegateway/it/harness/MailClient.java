package org.smimegateway.it.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.mail.Address;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * A plain JavaMail client speaking SMTP and IMAP to the gateway over loopback, as a user's mail program or a
 * remote MTA would. Messages are sent as the exact bytes given and read back as the exact bytes stored.
 */
public final class MailClient {
    private final String host = "127.0.0.1";
    private final int smtpPort;
    private final int imapPort;

    public MailClient(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static MailClient of(JamesGateway gateway) {
        return new MailClient(gateway.smtpPort(), gateway.imapPort());
    }

    /** Submits as an authenticated local user (the way outgoing mail enters the gateway). */
    public void submit(String user, String password, String envelopeFrom, List<String> recipients, byte[] message)
        throws MessagingException {
        send(envelopeFrom, recipients, message, user, password);
    }

    /** Delivers without authentication, the way a remote MTA hands over incoming mail. */
    public void deliver(String envelopeFrom, List<String> recipients, byte[] message) throws MessagingException {
        send(envelopeFrom, recipients, message, null, null);
    }

    private void send(String envelopeFrom, List<String> recipients, byte[] message, String user, String password)
        throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        properties.setProperty("mail.smtp.from", envelopeFrom);
        properties.setProperty("mail.smtp.auth", String.valueOf(user != null));
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message));
        Address[] to = new Address[recipients.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(recipients.get(i));
        }
        // Transport#sendMessage, unlike Transport.send, does not call saveChanges(): the bytes go out as given.
        try (Transport transport = session.getTransport("smtp")) {
            if (user != null) {
                transport.connect(host, smtpPort, user, password);
            } else {
                transport.connect();
            }
            transport.sendMessage(mime, to);
        }
    }

    /** The exact bytes of every message in a user's INBOX, oldest first. */
    public List<byte[]> inbox(String user, String password) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", "20000");
        // Stock imapserver.xml refuses a plain-text login before STARTTLS; the test keystore is self-signed.
        properties.setProperty("mail.imap.starttls.enable", "true");
        properties.setProperty("mail.imap.starttls.required", "true");
        properties.setProperty("mail.imap.ssl.trust", "*");
        Session session = Session.getInstance(properties);
        List<byte[]> result = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect(host, imapPort, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    message.writeTo(bytes);
                    result.add(bytes.toByteArray());
                }
            } finally {
                inbox.close(false);
            }
        }
        return result;
    }
}
