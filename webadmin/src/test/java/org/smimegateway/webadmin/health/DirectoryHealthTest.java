package org.smimegateway.webadmin.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;

/** The keystore and CRL checks against a directory that answers (UnboundID in-memory). */
class DirectoryHealthTest {
    @TempDir
    Path dir;
    private InMemoryDirectoryServer server;

    @BeforeEach
    void directory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo", InetAddress.getLoopbackAddress(), 0,
            null));
        config.setSchema(null);
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        server.startListening();
    }

    @AfterEach
    void stop() {
        server.shutDown(true);
    }

    @Test
    void aFileStoreAndADirectoryThatAnswersAreHealthy() throws Exception {
        HealthFixture fixture = new HealthFixture(dir).withLdap(server.getListenPort(), true);

        Result result = fixture.run(f -> new KeystoreHealthCheck(f::settings, HealthFixture.clock()));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void aCrlInTheDirectoryPastItsNextUpdateIsDegraded() throws Exception {
        Instant now = Instant.now();
        Instant nextUpdate = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        server.add(new Entry("cn=Health CA,dc=example,dc=com", List.of(
            new Attribute("objectClass", "pkiCA"), new Attribute("cn", "Health CA"),
            new Attribute("certificateRevocationList;binary", HealthFixture.PKI.crl(HealthFixture.PKI.intermediate(),
                now.minus(Duration.ofDays(8)), nextUpdate).getEncoded()))));
        HealthFixture fixture = new HealthFixture(dir).withLdap(server.getListenPort(), false);

        Result result = fixture.run(f -> new CrlHealthCheck(f::settings, HealthFixture.clock()));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.getCause()).get().asString().isEqualTo("CRL of "
            + HealthFixture.PKI.intermediateCertificate().getSubjectX500Principal().getName()
            + " is out of date since its nextUpdate " + nextUpdate);
    }
}
