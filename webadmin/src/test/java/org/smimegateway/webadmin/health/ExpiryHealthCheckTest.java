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
import org.smimegateway.keystore.testing.TestIdentity;

class ExpiryHealthCheckTest {
    @TempDir
    Path dir;

    private static Result check(HealthFixture fixture) {
        return fixture.run(f -> new ExpiryHealthCheck(f::settings, HealthFixture.clock()));
    }

    private static TestIdentity validFor(String address, Duration left) {
        Instant now = Instant.now();
        return HealthFixture.PKI.endEntity(address).validity(now.minus(Duration.ofDays(300)), now.plus(left)).issue();
    }

    private static void key(HealthFixture fixture, String name, TestIdentity identity) {
        PkiFiles.writePkcs12(fixture.store.resolve("keys/" + name + ".p12"), identity, HealthFixture.PASSWORD);
    }

    @Test
    void ownCertificatesValidBeyondTheHorizonAreHealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        key(fixture, "alice", validFor("alice@gateway.test", Duration.ofDays(200)));

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.HEALTHY);
        assertThat(result.getComponentName().getName()).isEqualTo("smime-gateway expiry");
    }

    @Test
    void anOwnCertificateExpiringWithinTheDefaultHorizonIsDegradedAndNamed() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        TestIdentity bob = validFor("bob@gateway.test", Duration.ofDays(10));
        key(fixture, "bob", bob);

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString().startsWith("expiring within 30 days: gateway certificate ")
            .contains(bob.certificate().getSubjectX500Principal().getName(),
                "serial " + bob.certificate().getSerialNumber().toString(16),
                "notAfter " + bob.certificate().getNotAfter().toInstant());
    }

    @Test
    void theHorizonComesFromAdminProperties() throws Exception {
        HealthFixture fixture = new HealthFixture(dir).set("health.expiryHorizon", "5d");
        key(fixture, "bob", validFor("bob@gateway.test", Duration.ofDays(10)));

        assertThat(check(fixture).getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void anExpiredOwnCertificateIsUnhealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        TestIdentity carol = validFor("carol@gateway.test", Duration.ofDays(-1));
        key(fixture, "carol", carol);

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).get().asString().startsWith("expired: gateway certificate ")
            .contains(carol.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void anExpiredKeyWithAValidSuccessorForTheSameSubjectIsNoProblem() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        Instant now = Instant.now();
        key(fixture, "dave-old", HealthFixture.PKI.endEntity("dave@gateway.test")
            .validity(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(400))).issue());
        key(fixture, "dave-new", HealthFixture.PKI.endEntity("dave@gateway.test")
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300))).issue());

        assertThat(check(fixture).getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void anExpiringCertificateOfTheBuiltInCaIsDegradedAndNamedAsCa() throws Exception {
        HealthFixture fixture = new HealthFixture(dir);
        key(fixture, "alice", validFor("alice@gateway.test", Duration.ofDays(200)));
        Instant now = Instant.now();
        TestIdentity intermediate = HealthFixture.PKI.endEntity("ca@gateway.test").subject("CN=Gateway Issuing CA,O=Health")
            .validity(now.minus(Duration.ofDays(700)), now.plus(Duration.ofDays(20))).issue();
        Path ca = fixture.store.resolve("ca");
        PkiFiles.writePem(ca.resolve("intermediate.pem"), intermediate.certificate());
        PkiFiles.writePem(ca.resolve("root.pem"), HealthFixture.PKI.rootCertificate());
        // Only its presence says "there is a CA"; the check never reads a key.
        java.nio.file.Files.writeString(ca.resolve("intermediate-key.pem"), "not read by the health check\n");

        Result result = check(fixture);

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString()
            .isEqualTo("expiring within 30 days: CA certificate CN=Gateway Issuing CA,O=Health (serial "
                + intermediate.certificate().getSerialNumber().toString(16) + ") notAfter "
                + intermediate.certificate().getNotAfter().toInstant());
    }
}
