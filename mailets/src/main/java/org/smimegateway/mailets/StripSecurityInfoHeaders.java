package org.smimegateway.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes every header an outsider could use to forge the gateway's verdicts: all headers starting with the
 * security-info prefix, any header whose name fully matches one of the configured patterns, and the
 * {@code Authentication-Results} headers carrying this gateway's authserv-id (RFC 8601 section 5). Run it first in
 * the root processor, before anything reads those headers.
 *
 * <p>Only headers are touched: the body stays byte for byte as it arrived.
 */
public class StripSecurityInfoHeaders extends GenericMailet {
    static final String PREFIX = "prefix";
    static final String PATTERNS = "patterns";
    static final String AUTHSERV_ID = "authservId";
    static final String DEFAULT_PREFIX = "X-Smime-";

    private static final Logger LOGGER = LoggerFactory.getLogger(StripSecurityInfoHeaders.class);
    private static final String AUTHENTICATION_RESULTS = "Authentication-Results";

    private String prefix;
    private List<Pattern> patterns;
    private String authservId;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PREFIX, PATTERNS, AUTHSERV_ID));
        prefix = getInitParameter(PREFIX, DEFAULT_PREFIX).trim();
        if (prefix.isEmpty()) {
            throw new MessagingException("Init parameter '" + PREFIX + "' must not be empty (default " + DEFAULT_PREFIX + ")");
        }
        prefix = prefix.toLowerCase(Locale.ROOT);
        patterns = parsePatterns(getInitParameterAsOptional(PATTERNS));
        authservId = getInitParameterAsOptional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
    }

    private static List<Pattern> parsePatterns(Optional<String> value) throws MessagingException {
        if (value.isEmpty() || value.get().isBlank()) {
            return List.of();
        }
        List<Pattern> result = new ArrayList<>();
        for (String regex : value.get().split(",")) {
            String trimmed = regex.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                result.add(Pattern.compile(trimmed, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new MessagingException("Init parameter '" + PATTERNS + "' has an invalid regular expression '"
                    + trimmed + "': " + e.getDescription());
            }
        }
        return List.copyOf(result);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<Header> forged = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (isForgeable(header)) {
                forged.add(header);
            }
        }
        if (forged.isEmpty()) {
            LOGGER.info("Mail {} ({}): no security-info header from outside", mail.getName(), message.getMessageID());
            return;
        }
        for (String name : forged.stream().map(Header::getName).distinct().toList()) {
            if (name.equalsIgnoreCase(AUTHENTICATION_RESULTS)) {
                removeOwnAuthenticationResults(message);
            } else {
                message.removeHeader(name);
            }
        }
        LOGGER.info("Mail {} ({}): removed {} security-info header(s) that arrived from outside: {}",
            mail.getName(), message.getMessageID(), forged.size(),
            forged.stream().map(Header::getName).distinct().toList());
    }

    private boolean isForgeable(Header header) {
        String name = header.getName();
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return true;
        }
        if (name.equalsIgnoreCase(AUTHENTICATION_RESULTS)) {
            return carriesOurAuthservId(header.getValue());
        }
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private boolean carriesOurAuthservId(String value) {
        return VerdictHeaders.carriesAuthservId(value, authservId);
    }

    private void removeOwnAuthenticationResults(MimeMessage message) throws MessagingException {
        VerdictHeaders.removeOwnAuthenticationResults(message, authservId);
    }

    @Override
    public String getMailetInfo() {
        return "Strips forged S/MIME security-info headers";
    }
}
