package org.smimegateway.webadmin.health;

import java.util.function.Supplier;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import org.smimegateway.smime.CryptoProviders;

import reactor.core.publisher.Mono;

/**
 * "smime-gateway crypto": the JCA provider the S/MIME engine uses ({@link CryptoProviders}). HEALTHY on the native
 * provider and on the JDK when that is what the operator set up (no native jar, or the JDK forced): both are correct,
 * the JDK is only slower. DEGRADED when the operator's intent failed: the native jar is there but its library did not
 * load or its self-tests failed, or the setting is not understood; the cause says which, mail still goes through on
 * the JDK. James's HEALTHY answer carries no text, so the provider in use is in the start log line.
 */
public final class CryptoHealthCheck implements HealthCheck {
    public static final String NAME = "smime-gateway crypto";
    private static final ComponentName COMPONENT = new ComponentName(NAME);

    private final Supplier<CryptoProviders.Choice> choice;

    /** Built by James (healthcheck.properties). */
    public CryptoHealthCheck() {
        this(CryptoProviders::active);
    }

    CryptoHealthCheck(Supplier<CryptoProviders.Choice> choice) {
        this.choice = choice;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::evaluate);
    }

    Result evaluate() {
        CryptoProviders.Choice active = choice.get();
        return switch (active.status()) {
            case NATIVE, FORCED_JDK, NATIVE_ABSENT -> Result.healthy(COMPONENT);
            case NATIVE_BROKEN, BAD_SETTING -> Result.degraded(COMPONENT, active.describe());
        };
    }
}
