package org.smimegateway.webadmin.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.policy.PolicyRegistry;

class PolicyHealthCheckTest {
    private static final String GOOD = "<policy><global><encrypt>allow</encrypt></global></policy>";

    @TempDir
    Path dir;

    @BeforeAll
    static void lookAtEveryCall() {
        System.setProperty(PolicyRegistry.CHECK_INTERVAL_PROPERTY, "0");
    }

    private static Result check(HealthFixture fixture) {
        return fixture.run(f -> new PolicyHealthCheck(f::settings, HealthFixture.clock()));
    }

    @Test
    void anAppliedPolicyFileIsHealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Files.writeString(fixture.policy, GOOD);

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.HEALTHY);
        assertThat(result.getComponentName().getName()).isEqualTo("smime-gateway policy");
    }

    @Test
    void aBrokenEditKeepsTheLastGoodPolicyAndIsDegradedWithTheParseError() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Files.writeString(fixture.policy, GOOD);
        check(fixture);
        Files.writeString(fixture.policy, "<policy><global><encrypt>sometimes</encrypt></global></policy>");

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString()
            .startsWith("policy file " + fixture.policy + " not applied: ")
            .contains("sometimes", "keeping the policy loaded at ");

        Files.writeString(fixture.policy, GOOD.replace("allow", "mandatory"));
        assertThat(check(fixture).getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void aPolicyThatNeverLoadedIsUnhealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Files.writeString(fixture.policy, "<policy><global>");

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).get().asString().startsWith("policy " + fixture.policy + " cannot be loaded: ");
    }
}
