package org.smimegateway.webadmin.health;

import java.time.Clock;
import java.util.function.Supplier;

import org.apache.james.core.healthcheck.Result;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.PolicyStatus;
import org.smimegateway.webadmin.AdminSettings;

/**
 * "smime-gateway policy": the policy file the matchers and mailets use is applied as it is now. DEGRADED when the
 * file changed but cannot be used and the last good policy is kept (the cause names the parse error and when the
 * kept policy was loaded), UNHEALTHY when no policy could ever be loaded from it.
 */
public final class PolicyHealthCheck extends GatewayHealthCheck {
    public static final String NAME = "smime-gateway policy";

    /** Built by James (healthcheck.properties), on the settings of conf/smime-gateway/admin.properties. */
    public PolicyHealthCheck() {
        this(AdminSettings::load, Clock.systemUTC());
    }

    PolicyHealthCheck(Supplier<AdminSettings> settings, Clock clock) {
        super(NAME, settings, clock);
    }

    @Override
    Result evaluate(AdminSettings settings) {
        PolicySource source;
        try {
            source = PolicyRegistry.shared(settings.policy());
        } catch (InvalidPolicyException | IllegalArgumentException e) {
            return Result.unhealthy(name(), "policy " + settings.policy() + " cannot be loaded: " + e.getMessage());
        }
        // Looks at the file when its check interval is due, as the next mail would.
        source.current();
        PolicyStatus status = source.status();
        if (status instanceof PolicyStatus.KeptLastGood kept) {
            return Result.degraded(name(), "policy file " + source.path() + " not applied: " + kept.error()
                + "; keeping the policy loaded at " + kept.loadedAt());
        }
        return Result.healthy(name());
    }
}
