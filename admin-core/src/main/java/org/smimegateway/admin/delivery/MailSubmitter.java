package org.smimegateway.admin.delivery;

/**
 * Hands a finished message to whatever carries it on: an SMTP server ({@link SmtpMailer}) for the command line, or
 * the mail server's own spool when the CA runs inside it. "Sent" means accepted for delivery, not delivered.
 */
public interface MailSubmitter {

    MailOutcome send(String envelopeFrom, String recipient, MessageAssembler.Assembled message);
}
