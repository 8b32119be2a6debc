package org.smimegateway.webadmin.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.PkiFiles;

class CrlHealthCheckTest {
    @TempDir
    Path dir;

    private static Result check(HealthFixture fixture) {
        return fixture.run(f -> new CrlHealthCheck(f::settings, HealthFixture.clock()));
    }

    @Test
    void crlsBeforeTheirNextUpdateAreHealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Instant now = Instant.now();
        PkiFiles.writeCrlPem(fixture.store.resolve("crls/intermediate.crl"), HealthFixture.PKI.crl(
            HealthFixture.PKI.intermediate(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(6))));

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.HEALTHY);
        assertThat(result.getComponentName().getName()).isEqualTo("smime-gateway CRLs");
    }

    @Test
    void aCrlPastItsNextUpdateIsDegradedNamingIssuerAndNextUpdate() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Instant now = Instant.now();
        Instant nextUpdate = now.minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PkiFiles.writeCrlPem(fixture.store.resolve("crls/intermediate.crl"), HealthFixture.PKI.crl(
            HealthFixture.PKI.intermediate(), now.minus(Duration.ofDays(8)), nextUpdate));
        PkiFiles.writeCrlPem(fixture.store.resolve("crls/root.crl"), HealthFixture.PKI.crl(
            HealthFixture.PKI.root(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(6))));

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString()
            .isEqualTo("CRL of " + HealthFixture.PKI.intermediateCertificate().getSubjectX500Principal().getName()
                + " is out of date since its nextUpdate " + nextUpdate);
    }

    @Test
    void aKeystoreThatCannotBeLoadedLeavesTheCrlsUncheckedAndDegraded() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        java.nio.file.Files.writeString(fixture.keystore, "<keystore/>");

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString().startsWith("CRLs not checked");
    }
}
