package org.smimegateway.webadmin.health;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.james.core.healthcheck.Result;
import org.smimegateway.admin.store.DirectoryCaVault;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.webadmin.AdminSettings;

/**
 * "smime-gateway expiry": the gateway's own certificates (those of the private keys it signs and decrypts with) and
 * the built-in CA's certificates (the {@code ca/} folder of the store, when there is a CA) are valid beyond the
 * horizon {@value #HORIZON_KEY} (default 30 days). Of several certificates with one subject only the newest counts:
 * an old key kept to decrypt old mail is not a problem once its successor is in place. DEGRADED when one expires
 * within the horizon, UNHEALTHY when one has expired (its owner can no longer sign; mail to it cannot be trusted).
 */
public final class ExpiryHealthCheck extends GatewayHealthCheck {
    public static final String NAME = "smime-gateway expiry";
    /** admin.properties: how far ahead an expiry counts (e.g. {@code 30d}). */
    public static final String HORIZON_KEY = "health.expiryHorizon";
    static final Duration DEFAULT_HORIZON = Duration.ofDays(30);

    /** Built by James (healthcheck.properties), on the settings of conf/smime-gateway/admin.properties. */
    public ExpiryHealthCheck() {
        this(AdminSettings::load, Clock.systemUTC());
    }

    ExpiryHealthCheck(Supplier<AdminSettings> settings, Clock clock) {
        super(NAME, settings, clock);
    }

    @Override
    Result evaluate(AdminSettings settings) {
        Duration horizon = settings.duration(HORIZON_KEY, DEFAULT_HORIZON);
        List<Labelled> certificates = new ArrayList<>();
        try {
            KeystoreProvider keystore = LiveKeystore.of(settings);
            keystore.ownCertificates().forEach(c -> certificates.add(new Labelled("gateway certificate", c)));
        } catch (RuntimeException e) {
            return Result.degraded(name(), "gateway certificates not checked: keystore " + settings.keystore()
                + " cannot be loaded (see " + KeystoreHealthCheck.NAME + ")");
        }
        Path caDirectory = settings.caDirectory();
        DirectoryCaVault vault = new DirectoryCaVault(caDirectory);
        if (vault.exists()) {
            vault.chain().forEach(c -> certificates.add(new Labelled("CA certificate", c)));
        }
        Instant now = clock.instant();
        List<Labelled> expired = new ArrayList<>();
        List<Labelled> expiring = new ArrayList<>();
        for (Labelled newest : newestPerSubject(certificates)) {
            Instant notAfter = newest.certificate().getNotAfter().toInstant();
            if (notAfter.isBefore(now)) {
                expired.add(newest);
            } else if (notAfter.isBefore(now.plus(horizon))) {
                expiring.add(newest);
            }
        }
        if (!expired.isEmpty()) {
            return Result.unhealthy(name(), "expired: " + describe(expired)
                + (expiring.isEmpty() ? "" : "; expiring within " + horizon.toDays() + " days: " + describe(expiring)));
        }
        if (!expiring.isEmpty()) {
            return Result.degraded(name(), "expiring within " + horizon.toDays() + " days: " + describe(expiring));
        }
        return Result.healthy(name());
    }

    private static List<Labelled> newestPerSubject(List<Labelled> certificates) {
        Map<String, Labelled> newest = new LinkedHashMap<>();
        for (Labelled labelled : certificates) {
            newest.merge(labelled.label() + "|" + labelled.certificate().getSubjectX500Principal().getName(), labelled,
                (a, b) -> a.certificate().getNotAfter().after(b.certificate().getNotAfter()) ? a : b);
        }
        return newest.values().stream()
            .sorted(Comparator.comparing(l -> l.certificate().getNotAfter()))
            .toList();
    }

    private static String describe(List<Labelled> certificates) {
        return certificates.stream()
            .map(l -> l.label() + " " + l.certificate().getSubjectX500Principal().getName() + " (serial "
                + l.certificate().getSerialNumber().toString(16) + ") notAfter "
                + l.certificate().getNotAfter().toInstant())
            .collect(Collectors.joining(", "));
    }

    private record Labelled(String label, X509Certificate certificate) {
    }
}
