package org.smimegateway.webadmin.health;

import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.james.core.healthcheck.Result;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.webadmin.AdminSettings;

/**
 * "smime-gateway CRLs": every CRL the keystore holds (store files, directory CA entries) is still current. DEGRADED
 * when one has passed its nextUpdate (the cause names its issuer and nextUpdate): revocation checks that need it
 * give a temporary error until a fresh CRL is published. DEGRADED too when the keystore cannot be loaded (the
 * keystore check says why).
 */
public final class CrlHealthCheck extends GatewayHealthCheck {
    public static final String NAME = "smime-gateway CRLs";

    /** Built by James (healthcheck.properties), on the settings of conf/smime-gateway/admin.properties. */
    public CrlHealthCheck() {
        this(AdminSettings::load, Clock.systemUTC());
    }

    CrlHealthCheck(Supplier<AdminSettings> settings, Clock clock) {
        super(NAME, settings, clock);
    }

    @Override
    Result evaluate(AdminSettings settings) {
        KeystoreProvider keystore;
        try {
            keystore = LiveKeystore.of(settings);
        } catch (RuntimeException e) {
            return Result.degraded(name(), "CRLs not checked: keystore " + settings.keystore()
                + " cannot be loaded (see " + KeystoreHealthCheck.NAME + ")");
        }
        Date now = Date.from(clock.instant());
        List<X509CRL> stale = keystore.crls().stream()
            .filter(crl -> crl.getNextUpdate() != null && crl.getNextUpdate().before(now))
            .toList();
        if (stale.isEmpty()) {
            return Result.healthy(name());
        }
        return Result.degraded(name(), stale.stream()
            .map(crl -> "CRL of " + crl.getIssuerX500Principal().getName() + " is out of date since its nextUpdate "
                + crl.getNextUpdate().toInstant())
            .distinct()
            .collect(Collectors.joining("; ")));
    }
}
