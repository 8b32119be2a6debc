package org.smimegateway.keystore.trust;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads CRLs from http, https and ldap distribution points, keeping each until its nextUpdate so a busy gateway
 * does not fetch the same list for every message.
 */
public final class NetworkDistributionPointFetcher implements DistributionPointFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkDistributionPointFetcher.class);
    /** CRLs larger than this are refused rather than read into memory. */
    private static final int MAX_CRL_BYTES = 32 * 1024 * 1024;
    /** CRLs without nextUpdate are kept this long. */
    private static final Duration DEFAULT_KEEP = Duration.ofHours(1);

    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public NetworkDistributionPointFetcher(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    }

    @Override
    public Lookup<List<X509CRL>> fetch(String uri) {
        Cached cached = cache.get(uri);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until())) {
            return Lookup.found(cached.crls());
        }
        String scheme = uri.substring(0, Math.max(uri.indexOf(':'), 0)).toLowerCase(Locale.ROOT);
        Lookup<List<X509CRL>> answer = switch (scheme) {
            case "http", "https" -> http(uri);
            case "ldap", "ldaps" -> ldap(uri);
            default -> Lookup.notFound("unsupported distribution point scheme: " + uri);
        };
        if (answer instanceof Lookup.Found<List<X509CRL>> found) {
            cache.put(uri, new Cached(found.value(), keepUntil(found.value(), now)));
            LOG.info("Fetched {} CRL(s) from distribution point {}", found.value().size(), uri);
        } else {
            LOG.info("No CRL from distribution point {}: {}", uri, answer);
        }
        return answer;
    }

    private Lookup<List<X509CRL>> http(String uri) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(timeout)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return Lookup.unavailable("HTTP " + response.statusCode() + " from " + uri);
                }
                byte[] bytes = body.readNBytes(MAX_CRL_BYTES + 1);
                if (bytes.length > MAX_CRL_BYTES) {
                    return Lookup.unavailable("CRL at " + uri + " is larger than " + MAX_CRL_BYTES + " bytes");
                }
                return Lookup.found(CertificateCodec.crls(bytes));
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Lookup.unavailable("cannot fetch " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.unavailable("interrupted while fetching " + uri);
        }
    }

    private Lookup<List<X509CRL>> ldap(String uri) {
        try {
            LDAPURL url = new LDAPURL(uri);
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis((int) timeout.toMillis());
            options.setResponseTimeoutMillis(timeout.toMillis());
            String attribute = url.getAttributes().length > 0 ? url.getAttributes()[0]
                : "certificateRevocationList;binary";
            try (LDAPConnection connection = new LDAPConnection(options, url.getHost(), url.getPort())) {
                SearchResultEntry entry = connection.getEntry(url.getBaseDN().toString(), attribute);
                if (entry == null) {
                    return Lookup.notFound("no entry at " + uri);
                }
                List<X509CRL> crls = new ArrayList<>();
                for (Attribute value : entry.getAttributes()) {
                    for (byte[] bytes : value.getValueByteArrays()) {
                        crls.addAll(CertificateCodec.crls(bytes));
                    }
                }
                return crls.isEmpty() ? Lookup.notFound("no CRL at " + uri) : Lookup.found(List.copyOf(crls));
            }
        } catch (LDAPException | GeneralSecurityException e) {
            return Lookup.unavailable("cannot fetch " + uri + ": " + e.getMessage());
        }
    }

    private static Instant keepUntil(List<X509CRL> crls, Instant now) {
        Instant until = now.plus(DEFAULT_KEEP);
        for (X509CRL crl : crls) {
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(until)) {
                until = crl.getNextUpdate().toInstant();
            }
        }
        return until;
    }

    private record Cached(List<X509CRL> crls, Instant until) {
    }
}
