package org.smimegateway.webadmin.health;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.james.core.healthcheck.Result;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.webadmin.AdminSettings;

/**
 * "smime-gateway keystore": every source of the keystore the mailets use answers (file directories readable, LDAP
 * directories answering a search). HEALTHY when all do, DEGRADED when some do not (mail needing them is held, never
 * sent in plaintext), UNHEALTHY when none does or the keystore configuration cannot be loaded.
 */
public final class KeystoreHealthCheck extends GatewayHealthCheck {
    public static final String NAME = "smime-gateway keystore";

    /** Built by James (healthcheck.properties), on the settings of conf/smime-gateway/admin.properties. */
    public KeystoreHealthCheck() {
        this(AdminSettings::load, Clock.systemUTC());
    }

    KeystoreHealthCheck(Supplier<AdminSettings> settings, Clock clock) {
        super(NAME, settings, clock);
    }

    @Override
    Result evaluate(AdminSettings settings) {
        KeystoreProvider keystore;
        try {
            keystore = LiveKeystore.of(settings);
        } catch (RuntimeException e) {
            return Result.unhealthy(name(), "keystore " + settings.keystore() + " cannot be loaded: " + e.getMessage());
        }
        List<SourceStatus> sources = keystore.sources();
        List<SourceStatus> down = sources.stream().filter(s -> !s.reachable()).toList();
        if (down.isEmpty()) {
            return Result.healthy(name());
        }
        String cause = down.stream().map(s -> s.name() + ": " + s.detail()).collect(Collectors.joining("; "));
        return down.size() == sources.size()
            ? Result.unhealthy(name(), "no keystore source answers: " + cause)
            : Result.degraded(name(), down.size() + " of " + sources.size() + " keystore sources do not answer: "
                + cause);
    }
}
