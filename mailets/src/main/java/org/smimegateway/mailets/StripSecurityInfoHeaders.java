package org.smimegateway.mailets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.mail.Header;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes every header an outsider could use to forge the gateway's verdicts, or that contradicts them: all headers
 * starting with the security-info prefix or with the prefix of another gateway's info headers ({@code families}),
 * any header whose name fully matches one of the configured patterns, the {@code Authentication-Results} headers
 * carrying this gateway's authserv-id (RFC 8601 section 5), and those of any other host that claim an S/MIME result
 * ({@code smime=...}) unless that host is listed in {@code trustedAuthservIds}. Run it first in the root processor,
 * before anything reads those headers.
 *
 * <p>Only headers are touched: the body stays byte for byte as it arrived.
 */
public class StripSecurityInfoHeaders extends BoundedMailet {
    static final String PREFIX = "prefix";
    static final String PATTERNS = "patterns";
    static final String AUTHSERV_ID = "authservId";
    static final String FAMILIES = "families";
    static final String TRUSTED_AUTHSERV_IDS = "trustedAuthservIds";
    static final String DEFAULT_PREFIX = "X-Smime-";
    /** Info-header prefixes other S/MIME gateways stamp; their verdicts mean nothing here and contradict ours. */
    static final String DEFAULT_FAMILIES = "X-MailID-Info-,X-CipherMail-Info-,X-Djigzo-Info-";

    private static final Logger LOGGER = LoggerFactory.getLogger(StripSecurityInfoHeaders.class);
    private static final String AUTHENTICATION_RESULTS = "Authentication-Results";

    private String prefix;
    private List<Pattern> patterns;
    private String authservId;
    private List<String> families;
    private ForeignSmimeResults foreignResults;

    /** Counts nowhere (tests, use outside James); James uses the injected constructor. */
    public StripSecurityInfoHeaders() {
    }

    /** James builds the mailet through Guice with its metrics. */
    @Inject
    public StripSecurityInfoHeaders(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(withBoundedParameters(Set.of(PREFIX, PATTERNS, AUTHSERV_ID, FAMILIES, TRUSTED_AUTHSERV_IDS)));
        prefix = getInitParameter(PREFIX, DEFAULT_PREFIX).trim();
        if (prefix.isEmpty()) {
            throw new MessagingException("Init parameter '" + PREFIX + "' must not be empty (default " + DEFAULT_PREFIX + ")");
        }
        prefix = prefix.toLowerCase(Locale.ROOT);
        patterns = parsePatterns(getInitParameterAsOptional(PATTERNS));
        families = parseFamilies(getInitParameterAsOptional(FAMILIES).filter(f -> !f.isBlank())
            .orElse(DEFAULT_FAMILIES));
        foreignResults = new ForeignSmimeResults(list(getInitParameter(TRUSTED_AUTHSERV_IDS, "")));
        authservId = getInitParameterAsOptional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
    }

    /** Header-name prefixes, lower case; "none" for none. */
    private static List<String> parseFamilies(String value) throws MessagingException {
        if (value.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> result = list(value).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        for (String family : result) {
            if (!family.matches("[a-z0-9-]+")) {
                throw new MessagingException("Init parameter '" + FAMILIES + "': '" + family
                    + "' is not a header-name prefix (letters, digits, '-'); use 'none' for no family");
            }
        }
        return result;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
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

    /** Only header fields are read and changed here. */
    @Override
    protected boolean readsMimeStructure() {
        return false;
    }

    @Override
    protected void serviceBounded(Mail mail) throws MessagingException {
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
                removeVerdictAuthenticationResults(message);
            } else {
                message.removeHeader(name);
            }
        }
        LOGGER.info("Mail {} ({}): removed {} security-info header(s) that arrived from outside: {}",
            mail.getName(), message.getMessageID(), forged.size(),
            forged.stream().map(Header::getName).distinct().toList());
        count("stripped");
        MailAudit.event("mail.stripped", shortName(), mail).with("count", forged.size())
            .with("headers", String.join(",", forged.stream().map(Header::getName).distinct().toList())).log();
    }

    private boolean isForgeable(Header header) {
        String name = header.getName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(prefix) || families.stream().anyMatch(lower::startsWith)) {
            return true;
        }
        if (name.equalsIgnoreCase(AUTHENTICATION_RESULTS)) {
            return isVerdict(header.getValue());
        }
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    /** Ours (any method), or an smime result of a host not trusted upstream. */
    private boolean isVerdict(String value) {
        return VerdictHeaders.carriesAuthservId(value, authservId) || foreignResults.isForeignClaim(value);
    }

    private void removeVerdictAuthenticationResults(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader(AUTHENTICATION_RESULTS);
        message.removeHeader(AUTHENTICATION_RESULTS);
        for (String value : values) {
            if (!isVerdict(value)) {
                message.addHeader(AUTHENTICATION_RESULTS, value);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Strips forged S/MIME security-info headers";
    }
}
