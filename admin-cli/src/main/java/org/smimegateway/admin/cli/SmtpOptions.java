package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.smimegateway.admin.PfxDelivery;
import org.smimegateway.admin.delivery.InstructionText;
import org.smimegateway.admin.delivery.SmtpSettings;
import org.smimegateway.admin.delivery.TlsMode;
import picocli.CommandLine.Option;

/** How PKCS#12 mails are sent: SMTP server, sender, subject and instruction text. */
final class SmtpOptions {

    @Option(names = "--mail", description = "Mail the PKCS#12 file to each external user and send the password by the password channel.")
    boolean mail;

    @Option(names = "--smtp-host", defaultValue = "localhost", description = "SMTP server, e.g. James (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--smtp-port", defaultValue = "25", description = "SMTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--smtp-tls", defaultValue = "NONE", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TlsMode tls;

    @Option(names = "--smtp-user", description = "SMTP AUTH user.")
    String user;

    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "File whose first line is the SMTP AUTH password.")
    Path passwordFile;

    @Option(names = "--smtp-password-env", paramLabel = "VAR", description = "Environment variable holding the SMTP AUTH password.")
    String passwordEnvironment;

    @Option(names = "--smtp-timeout-seconds", defaultValue = "30", description = "Connect/read timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--mail-from", paramLabel = "ADDRESS",
        description = "Sender of PKCS#12 mails; the mail is signed with this address's gateway key (issued on first use).")
    String from;

    @Option(names = "--mail-subject", defaultValue = InstructionText.DEFAULT_SUBJECT, description = "Subject (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--mail-template", paramLabel = "FILE",
        description = "Instruction text with {address}, {file} and {from}; must not contain the password.")
    Path template;

    SmtpSettings smtp() {
        return new SmtpSettings(host, port, tls, Optional.ofNullable(user),
            Optional.ofNullable(Secrets.read("SMTP password", passwordFile, passwordEnvironment, null)),
            Duration.ofSeconds(timeoutSeconds));
    }

    PfxDelivery.MailSettings mailSettings() {
        if (from == null) {
            throw new IllegalArgumentException("--mail needs --mail-from (the gateway address that signs the mail)");
        }
        String text;
        try {
            text = template == null ? InstructionText.defaultTemplate()
                : Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail template " + template, e);
        }
        return new PfxDelivery.MailSettings(from, subject, text);
    }
}
