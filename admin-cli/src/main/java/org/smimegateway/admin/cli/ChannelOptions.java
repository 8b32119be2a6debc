package org.smimegateway.admin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smimegateway.admin.sms.ChannelSettings;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordChannels;
import picocli.CommandLine.Option;

/**
 * The separate channel that carries PKCS#12 passwords: any registered
 * {@link org.smimegateway.admin.sms.PasswordChannelProvider}, configured with {@code --channel-option key=value}.
 * The older named options are shortcuts for the built-ins' keys.
 */
final class ChannelOptions {

    @Option(names = "--password-channel", paramLabel = "NAME", defaultValue = "console",
        description = "Where PKCS#12 passwords go: console, file, http or any registered PasswordChannelProvider "
            + "(default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--channel-option", paramLabel = "KEY=VALUE",
        description = "An option of the password channel, repeatable (file: file; http: url, body, content-type, "
            + "header.NAME, timeout-seconds).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--password-out", paramLabel = "FILE", description = "For file: the owner-only file lines are appended to (= file=FILE).")
    Path file;

    @Option(names = "--sms-url", paramLabel = "TEMPLATE",
        description = "For http: URL template with {phone} {address} {message} {password} (URL-encoded), e.g. "
            + "https://sms.example/send?to={phone}&text={message} (= url=TEMPLATE)")
    String urlTemplate;

    @Option(names = "--sms-body", paramLabel = "TEMPLATE", description = "For http: POST body template (same placeholders, not encoded); GET without it (= body=TEMPLATE).")
    String bodyTemplate;

    @Option(names = "--sms-content-type", paramLabel = "TYPE", description = "For http POST (default application/json; = content-type=TYPE).")
    String contentType;

    @Option(names = "--sms-header", paramLabel = "NAME=VALUE", description = "For http: extra request header, repeatable, e.g. an API key (= header.NAME=VALUE).")
    Map<String, String> headers = new LinkedHashMap<>();

    PasswordChannel channel(PrintWriter console) {
        Map<String, String> all = new LinkedHashMap<>(options);
        shortcut(all, "file", file == null ? null : file.toString());
        shortcut(all, "url", urlTemplate);
        shortcut(all, "body", bodyTemplate);
        shortcut(all, "content-type", contentType);
        headers.forEach((header, value) -> shortcut(all, "header." + header, value));
        return PasswordChannels.open(name, new ChannelSettings(name, all, console));
    }

    private static void shortcut(Map<String, String> options, String key, String value) {
        if (value != null && options.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("password channel option " + key + " is given twice");
        }
    }
}
