package org.smimegateway.webadmin.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreHealthCheckTest {
    @TempDir
    Path dir;

    private static Result check(HealthFixture fixture) {
        return fixture.run(f -> new KeystoreHealthCheck(f::settings, HealthFixture.clock()));
    }

    @Test
    void aReadableFileStoreIsHealthy() throws Exception {
        Result result = check(new HealthFixture(dir));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.HEALTHY);
        assertThat(result.getComponentName().getName()).isEqualTo("smime-gateway keystore");
    }

    @Test
    void aDirectoryServerThatDoesNotAnswerBesideAReadableStoreIsDegradedAndNamed() throws Exception {
        Result result = check(new HealthFixture(dir).withDeadLdap(true));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString().startsWith("1 of 2 keystore sources do not answer: ldap")
            .contains("127.0.0.1");
    }

    @Test
    void whenNoSourceAnswersTheKeystoreIsUnhealthy() throws Exception {
        Result result = check(new HealthFixture(dir).withDeadLdap(false));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).get().asString().startsWith("no keystore source answers: ");
    }

    @Test
    void aKeystoreConfigurationThatCannotBeLoadedIsUnhealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        java.nio.file.Files.writeString(fixture.keystore, "<keystore><file><directory>" + dir.resolve("missing")
            + "</directory></file></keystore>");

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).get().asString().startsWith("keystore " + fixture.keystore + " cannot be loaded");
    }

    @Test
    void aStoreDirectoryThatDisappearsMakesTheLoadedKeystoreUnhealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        assertThat(check(fixture).getStatus()).isEqualTo(ResultStatus.HEALTHY);
        org.apache.commons.io.file.PathUtils.deleteDirectory(fixture.store);

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).get().asString().contains("file:" + fixture.store, "missing or not readable");
    }
}
