package org.smimegateway.admin.sms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code http}: an HTTP SMS gateway ({@link HttpPasswordChannel}). Options: {@code url} (required template),
 * {@code body} (POST body template; GET without it), {@code content-type} (default {@code application/json}),
 * {@code header.NAME} (extra request headers), {@code timeout-seconds} (default 20).
 */
public final class HttpChannelProvider implements PasswordChannelProvider {

    private static final String HEADER = "header.";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public PasswordChannel open(ChannelSettings settings) {
        settings.rejectUnknown(Set.of("url", "body", "content-type", "timeout-seconds"), Set.of(HEADER));
        Map<String, String> headers = new LinkedHashMap<>();
        settings.options().forEach((key, value) -> {
            if (key.startsWith(HEADER)) {
                headers.put(key.substring(HEADER.length()), value);
            }
        });
        int timeout;
        try {
            timeout = Integer.parseInt(settings.option("timeout-seconds").orElse("20"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password channel http: timeout-seconds must be a number of seconds");
        }
        String url = settings.option("url").orElseThrow(() -> new IllegalArgumentException(
            "password channel http needs --channel-option url=TEMPLATE (or --sms-url TEMPLATE)"));
        return new HttpPasswordChannel(url, settings.option("body"),
            settings.option("content-type").orElse("application/json"), headers, Duration.ofSeconds(timeout));
    }
}
