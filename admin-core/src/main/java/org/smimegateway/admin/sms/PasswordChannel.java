package org.smimegateway.admin.sms;

/**
 * Delivers a PKCS#12 password over a channel other than the mail that carries the file, so that whoever reads the
 * mailbox alone cannot open the key. Implementations must not log the password.
 */
public interface PasswordChannel {

    ChannelOutcome send(PasswordNotice notice);

    /** A short name for progress lines and logs, e.g. "http sms.example.com". */
    String describe();
}
