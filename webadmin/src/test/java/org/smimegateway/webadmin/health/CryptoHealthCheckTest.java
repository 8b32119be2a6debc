package org.smimegateway.webadmin.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.junit.jupiter.api.Test;
import org.smimegateway.smime.CryptoProviders;
import org.smimegateway.smime.CryptoProviders.Status;

import reactor.core.publisher.Mono;

class CryptoHealthCheckTest {
    private static Result check(Status status, String reason) {
        CryptoProviders.Choice choice = new CryptoProviders.Choice(Optional.empty(), status, reason);
        return Mono.from(new CryptoHealthCheck(() -> choice).check()).block();
    }

    @Test
    void theJdkIsHealthyWhenTheOperatorDidNotAddTheNativeJarOrForcedTheJdk() {
        assertThat(check(Status.NATIVE_ABSENT, "not on the class path").getStatus()).isEqualTo(ResultStatus.HEALTHY);
        assertThat(check(Status.FORCED_JDK, "smimegateway.crypto.provider=jdk").getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void aNativeJarThatDoesNotLoadIsDegradedWithItsReason() {
        Result result = check(Status.NATIVE_BROKEN, "Amazon Corretto Crypto Provider unhealthy: self-test failed; using the JDK");

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getComponentName().getName()).isEqualTo("smime-gateway crypto");
        assertThat(result.getCause()).contains("S/MIME crypto: JDK providers (Amazon Corretto Crypto Provider unhealthy:"
            + " self-test failed; using the JDK)");
    }

    @Test
    void anUnknownSettingIsDegraded() {
        assertThat(check(Status.BAD_SETTING, "smimegateway.crypto.provider=x is not understood").getStatus())
            .isEqualTo(ResultStatus.DEGRADED);
    }

    @Test
    void theActiveChoiceOfThisJvmIsHealthy() {
        assertThat(Mono.from(new CryptoHealthCheck().check()).block().getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }
}
