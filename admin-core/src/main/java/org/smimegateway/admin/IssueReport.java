package org.smimegateway.admin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.smimegateway.admin.delivery.MailOutcome;
import org.smimegateway.admin.sms.ChannelOutcome;

/**
 * What issuing for one user did: the certificate, whether it was filed in the store, whether the key stayed, where the PKCS#12 file is, and what the
 * mail and the password channel reported (empty when not attempted).
 */
public record IssueReport(String address, String serialHex, UserKind kind, boolean keyKept, boolean filed,
                          Optional<Path> pfxFile,
                          Optional<MailOutcome> mail, Optional<ChannelOutcome> password) {
    public IssueReport {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pfxFile, "pfxFile");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(password, "password");
    }

    /** True unless a delivery step was attempted and failed. */
    public boolean succeeded() {
        return mail.map(m -> m instanceof MailOutcome.Sent).orElse(true)
            && password.map(p -> p instanceof ChannelOutcome.Delivered).orElse(true);
    }

    /** One line for progress output; never contains the password. */
    public String summary() {
        StringBuilder line = new StringBuilder(address).append(" serial ").append(serialHex)
            .append(' ').append(kind.name().toLowerCase(java.util.Locale.ROOT))
            .append(filed ? (keyKept ? ", key kept" : ", key not kept")
                : ", NOT FILED (delivery failed; PKCS#12 deleted, nothing usable kept: issue again)");
        pfxFile.ifPresent(f -> line.append(", pfx ").append(f));
        mail.ifPresent(m -> line.append(m instanceof MailOutcome.Sent sent
            ? ", mailed " + sent.messageId()
            : ", MAIL FAILED: " + ((MailOutcome.Failed) m).reason()));
        password.ifPresent(p -> line.append(p instanceof ChannelOutcome.Delivered delivered
            ? ", password via " + delivered.detail()
            : ", PASSWORD NOT DELIVERED: " + ((ChannelOutcome.Failed) p).reason()));
        return line.toString();
    }
}
