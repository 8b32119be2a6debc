package org.smimegateway.admin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.smimegateway.admin.sms.ConsolePasswordChannel;
import org.smimegateway.admin.sms.FilePasswordChannel;
import org.smimegateway.admin.sms.HttpPasswordChannel;
import org.smimegateway.admin.sms.PasswordChannel;
import picocli.CommandLine.Option;

/** The separate channel that carries PKCS#12 passwords. */
final class ChannelOptions {

    enum Kind { CONSOLE, FILE, HTTP }

    @Option(names = "--password-channel", defaultValue = "CONSOLE",
        description = "Where PKCS#12 passwords go: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--password-out", paramLabel = "FILE", description = "For FILE: the owner-only file lines are appended to.")
    Path file;

    @Option(names = "--sms-url", paramLabel = "TEMPLATE",
        description = "For HTTP: URL template with {phone} {address} {message} {password} (URL-encoded), e.g. "
            + "https://sms.example/send?to={phone}&text={message}")
    String urlTemplate;

    @Option(names = "--sms-body", paramLabel = "TEMPLATE", description = "For HTTP: POST body template (same placeholders, not encoded); GET without it.")
    String bodyTemplate;

    @Option(names = "--sms-content-type", defaultValue = "application/json", description = "For HTTP POST (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(names = "--sms-header", paramLabel = "NAME=VALUE", description = "For HTTP: extra request header, repeatable (e.g. an API key).")
    Map<String, String> headers = new LinkedHashMap<>();

    PasswordChannel channel(PrintWriter console) {
        return switch (kind) {
            case CONSOLE -> new ConsolePasswordChannel(console);
            case FILE -> {
                if (file == null) {
                    throw new IllegalArgumentException("--password-channel FILE needs --password-out");
                }
                yield new FilePasswordChannel(file);
            }
            case HTTP -> {
                if (urlTemplate == null) {
                    throw new IllegalArgumentException("--password-channel HTTP needs --sms-url");
                }
                yield new HttpPasswordChannel(urlTemplate, Optional.ofNullable(bodyTemplate), contentType, headers,
                    Duration.ofSeconds(20));
            }
        };
    }
}
