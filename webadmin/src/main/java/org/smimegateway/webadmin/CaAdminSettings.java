package org.smimegateway.webadmin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.smimegateway.admin.PfxDelivery;
import org.smimegateway.admin.delivery.InstructionText;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.sms.ChannelSettings;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordChannels;

/**
 * The CA's keys in {@code admin.properties} (webadmin/README.md, section "CA"): where the CA lives, the file with its
 * key password, the PKCS#12 mail and the password channel. Read once when the routes are defined.
 */
record CaAdminSettings(Path caDirectory, Path passwordFile, Path pfxDirectory, int crlDays,
                       Optional<Path> publishDirectory, Optional<String> mailFrom, String mailSubject,
                       Optional<Path> mailTemplate, String mailState, Pkcs12Encryption pkcs12Encryption,
                       String passwordChannel, Map<String, String> channelOptions) {

    static final String CHANNEL_PREFIX = "ca.passwordChannel.";

    static CaAdminSettings from(AdminSettings settings) {
        Path store = settings.store();
        Path caDirectory = settings.caDirectory();
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<String> keys = settings.keys(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.startsWith(CHANNEL_PREFIX)) {
                options.put(key.substring(CHANNEL_PREFIX.length()), settings.string(key, ""));
            }
        }
        String channel = settings.string("ca.passwordChannel", "file").toLowerCase(Locale.ROOT);
        if (channel.equals("file")) {
            options.putIfAbsent("file", caDirectory.resolve("passwords.tsv").toString());
        }
        int crlDays;
        try {
            crlDays = Integer.parseInt(settings.string("ca.crlDays", "7"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(AdminSettings.LOCATION + ": 'ca.crlDays' must be a whole number of days");
        }
        String encryption = settings.string("ca.pkcs12.encryption", Pkcs12Encryption.DEFAULT.name());
        Pkcs12Encryption pkcs12;
        try {
            pkcs12 = Pkcs12Encryption.valueOf(encryption.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(AdminSettings.LOCATION + ": 'ca.pkcs12.encryption' = '" + encryption
                + "'; accepted: " + java.util.Arrays.toString(Pkcs12Encryption.values()));
        }
        return new CaAdminSettings(caDirectory,
            settings.path("ca.passwordFile", "conf/smime-gateway/ca.password"),
            settings.optional("ca.pkcs12Directory").map(v -> settings.path("ca.pkcs12Directory", v))
                .orElse(caDirectory.resolve("pkcs12")),
            crlDays,
            settings.optional("ca.publishDirectory").map(v -> settings.path("ca.publishDirectory", v)),
            settings.optional("ca.mail.from"),
            settings.string("ca.mail.subject", InstructionText.DEFAULT_SUBJECT),
            settings.optional("ca.mail.template").map(v -> settings.path("ca.mail.template", v)),
            settings.string("ca.mail.state", "relay"),
            pkcs12, channel, options);
    }

    /**
     * The CA key password, from the first line of {@link #passwordFile()}.
     *
     * @throws IllegalStateException naming the file and the key when it cannot be read
     */
    char[] caPassword() {
        if (!Files.isReadable(passwordFile)) {
            throw new IllegalStateException("the CA key password file " + passwordFile + " (admin.properties "
                + "'ca.passwordFile') is missing or not readable by James");
        }
        try {
            String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new IllegalStateException("the CA key password file " + passwordFile + " ('ca.passwordFile') is"
                    + " empty");
            }
            return first.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read 'ca.passwordFile' " + passwordFile, e);
        }
    }

    /**
     * The password channel. {@code console} is refused: inside James, the console is James's log, and a password
     * must never reach a log.
     */
    PasswordChannel openChannel() {
        if (passwordChannel.equals("console")) {
            throw new IllegalStateException("admin.properties 'ca.passwordChannel' = console would print PKCS#12 "
                + "passwords into James's log; use file, http or another registered channel "
                + PasswordChannels.names());
        }
        // No channel of ours prints to the console inside James; whatever one would goes nowhere.
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return PasswordChannels.open(passwordChannel, new ChannelSettings(passwordChannel, channelOptions, nowhere));
    }

    /** How the PKCS#12 mail is written; needs 'ca.mail.from'. */
    PfxDelivery.MailSettings mailSettings() {
        String from = mailFrom.orElseThrow(() -> new IllegalStateException("admin.properties 'ca.mail.from' is not "
            + "set: the address that sends (and signs) PKCS#12 mails to external users"));
        String text;
        try {
            text = mailTemplate.isEmpty() ? InstructionText.defaultTemplate()
                : Files.readString(mailTemplate.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read 'ca.mail.template' " + mailTemplate.get(), e);
        }
        return new PfxDelivery.MailSettings(from, mailSubject, text);
    }
}
