package org.smimegateway.admin.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the password through an HTTP SMS gateway. The request is described by templates with the placeholders
 * {@code {phone}}, {@code {address}}, {@code {message}} and {@code {password}}: URL-encoded in the URL template,
 * inserted as is in the body template. Without a body template the request is a GET, with one a POST. Any 2xx
 * answer counts as delivered.
 */
public final class HttpPasswordChannel implements PasswordChannel {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPasswordChannel.class);

    private final String urlTemplate;
    private final Optional<String> bodyTemplate;
    private final String contentType;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final Duration timeout;

    public HttpPasswordChannel(String urlTemplate, Optional<String> bodyTemplate, String contentType,
                               Map<String, String> headers, Duration timeout) {
        this.urlTemplate = Objects.requireNonNull(urlTemplate, "urlTemplate");
        this.bodyTemplate = Objects.requireNonNull(bodyTemplate, "bodyTemplate");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        URI probe = URI.create(fill(urlTemplate, s -> "x"));
        if (!"http".equals(probe.getScheme()) && !"https".equals(probe.getScheme())) {
            throw new IllegalArgumentException("the SMS URL template must be http or https, was " + probe.getScheme());
        }
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    @Override
    public ChannelOutcome send(PasswordNotice notice) {
        if (notice.phone().isEmpty() && (urlTemplate.contains("{phone}")
            || bodyTemplate.map(b -> b.contains("{phone}")).orElse(false))) {
            return new ChannelOutcome.Failed("no phone number for " + notice.address());
        }
        URI uri = URI.create(fill(urlTemplate, value(notice, HttpPasswordChannel::urlEncode)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        if (bodyTemplate.isPresent()) {
            request.header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(fill(bodyTemplate.get(),
                    value(notice, UnaryOperator.identity()))));
        } else {
            request.GET();
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // The URL holds the password: log the host only.
            LOG.info("SMS gateway {} answered {} for {}", uri.getHost(), response.statusCode(), notice.address());
            if (response.statusCode() / 100 == 2) {
                return new ChannelOutcome.Delivered("http " + uri.getHost() + " status " + response.statusCode());
            }
            return new ChannelOutcome.Failed("SMS gateway " + uri.getHost() + " answered " + response.statusCode());
        } catch (IOException e) {
            return new ChannelOutcome.Failed("SMS gateway " + uri.getHost() + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChannelOutcome.Failed("interrupted while calling the SMS gateway");
        }
    }

    @Override
    public String describe() {
        return "http " + URI.create(fill(urlTemplate, s -> "x")).getHost();
    }

    private static java.util.function.Function<String, String> value(PasswordNotice notice,
                                                                      UnaryOperator<String> encode) {
        return placeholder -> encode.apply(switch (placeholder) {
            case "phone" -> notice.phone().orElse("");
            case "address" -> notice.address();
            case "message" -> notice.text();
            case "password" -> new String(notice.password());
            default -> throw new IllegalArgumentException("unknown placeholder {" + placeholder + "}");
        });
    }

    private static String fill(String template, java.util.function.Function<String, String> values) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf('{', position);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            String name = close < 0 ? null : template.substring(open + 1, close);
            if (name == null || !name.matches("phone|address|message|password")) {
                // Not one of ours (e.g. JSON braces): copy through.
                int end = open < 0 ? template.length() : open + 1;
                out.append(template, position, end);
                position = end;
                continue;
            }
            out.append(template, position, open).append(values.apply(name));
            position = close + 1;
        }
        return out.toString();
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
