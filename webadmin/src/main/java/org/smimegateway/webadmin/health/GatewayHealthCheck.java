package org.smimegateway.webadmin.health;

import java.time.Clock;
import java.util.function.Supplier;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.webadmin.AdminSettings;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the gateway's checks share: the settings, read when James builds the check (so a broken admin.properties
 * shows as an unhealthy check, not as a James that does not start), and a check that runs off James's reactive
 * threads (it may read files or ask a directory) and never fails with an exception: a bug becomes UNHEALTHY with
 * its reason.
 */
abstract class GatewayHealthCheck implements HealthCheck {
    private static final Logger LOGGER = LoggerFactory.getLogger(GatewayHealthCheck.class);

    private final ComponentName name;
    private final Supplier<AdminSettings> settings;
    protected final Clock clock;

    GatewayHealthCheck(String name, Supplier<AdminSettings> settings, Clock clock) {
        this.name = new ComponentName(name);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public final ComponentName componentName() {
        return name;
    }

    @Override
    public final Publisher<Result> check() {
        return Mono.fromCallable(this::checkSafely).subscribeOn(Schedulers.boundedElastic());
    }

    private Result checkSafely() {
        AdminSettings loaded;
        try {
            loaded = settings.get();
        } catch (RuntimeException e) {
            return Result.unhealthy(name, "settings " + AdminSettings.LOCATION + " cannot be read: " + e.getMessage());
        }
        try {
            return evaluate(loaded);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Reactor treats a LinkageError as fatal and drops the subscriber: James's /healthcheck would never
            // answer. Every failure that is not the JVM's end becomes this check's answer.
            LOGGER.warn("Health check {} failed", name.getName(), e);
            return Result.unhealthy(name, "check failed: " + e, e);
        }
    }

    /** The check's answer now. */
    abstract Result evaluate(AdminSettings settings);

    final ComponentName name() {
        return name;
    }
}
