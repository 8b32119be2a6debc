package org.smimegateway.keystore.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.MutableClock;
import org.smimegateway.keystore.trust.StaticTrustSource;

class LdapCertificateStoreTest {
    private static final TestPki PKI = TestPki.create("Directory");
    private static final String BASE = "dc=example,dc=com";

    @TempDir
    Path temp;
    private InMemoryDirectoryServer server;
    private LdapCertificateStore store;
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo", InetAddress.getLoopbackAddress(), 0,
            null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.startListening();
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        server.shutDown(true);
    }

    @Test
    void readsCertificatesFromUserSmimeCertificatePkcs7AndPlainUserCertificate() throws Exception {
        TestIdentity viaSmime = PKI.user("anna@example.com");
        TestIdentity viaPlain = PKI.user("anna@example.com");
        byte[] p7 = Files.readAllBytes(PkiFiles.writeP7b(temp.resolve("anna.p7b"), viaSmime.certificate()));
        server.add(person("anna@example.com", new Attribute("userSMIMECertificate", p7),
            new Attribute("userCertificate", viaPlain.certificate().getEncoded())));
        store = store(settings());

        Lookup<List<X509Certificate>> found = store.certificates("anna@example.com");

        assertThat(found).isEqualTo(Lookup.found(List.of(viaSmime.certificate(), viaPlain.certificate())));
    }

    @Test
    void cachesAnswersForTheirTtlIncludingNegativeOnes() throws Exception {
        TestIdentity ben = PKI.user("ben@example.com");
        store = store(settings().withCache(Duration.ofMinutes(10), Duration.ofMinutes(2), 100));
        assertThat(store.certificates("ben@example.com")).isInstanceOf(Lookup.NotFound.class);

        server.add(person("ben@example.com", new Attribute("userCertificate;binary", ben.certificate().getEncoded())));
        assertThat(store.certificates("ben@example.com")).isInstanceOf(Lookup.NotFound.class);

        clock.advance(Duration.ofMinutes(3));
        assertThat(store.certificates("ben@example.com")).isInstanceOf(Lookup.Found.class);

        server.delete("cn=ben@example.com," + BASE);
        assertThat(store.certificates("ben@example.com")).isInstanceOf(Lookup.Found.class);
        clock.advance(Duration.ofMinutes(11));
        assertThat(store.certificates("ben@example.com")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void outageIsUnavailableAndNeverCachedSoTheDirectoryIsUsedAgainWhenBack() throws Exception {
        TestIdentity cara = PKI.user("cara@example.com");
        server.add(person("cara@example.com", new Attribute("userCertificate;binary", cara.certificate().getEncoded())));
        int port = server.getListenPort();
        store = store(settings());
        server.shutDown(false);

        assertThat(store.certificates("cara@example.com")).isInstanceOf(Lookup.Unavailable.class);

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo", InetAddress.getLoopbackAddress(),
            port, null));
        InMemoryDirectoryServer revived = new InMemoryDirectoryServer(config);
        revived.add("dn: " + BASE, "objectClass: domain", "dc: example");
        revived.add(person("cara@example.com", new Attribute("userCertificate;binary",
            cara.certificate().getEncoded())));
        revived.startListening();
        try {
            Thread.sleep(2100); // the store answers "unavailable" at once for 2 s after a failed connect
            assertThat(store.certificates("cara@example.com")).isInstanceOf(Lookup.Found.class);
        } finally {
            revived.shutDown(true);
        }
    }

    @Test
    void unreachableDirectoryIsUnavailableNotAnException() {
        store = store(LdapSettings.defaults(List.of("127.0.0.1:1"), BASE)
            .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));

        assertThat(store.certificates("dan@example.com")).isInstanceOf(Lookup.Unavailable.class);
        assertThat(store.trust().crls(PKI.intermediateCertificate().getSubjectX500Principal()))
            .isInstanceOf(Lookup.Unavailable.class);
    }

    @Test
    void writeBackIsRefusedWhenDisabledAndAddsToTheEntryWhenEnabled() throws Exception {
        TestIdentity eva = PKI.user("eva@example.com");
        server.add(person("eva@example.com"));
        store = store(settings());
        assertThat(store.storeHarvested("eva@example.com", eva.certificate())).isInstanceOf(Lookup.NotFound.class);
        store.close();

        store = store(settings().withWriteBack(true));
        assertThat(store.storeHarvested("eva@example.com", eva.certificate())).isInstanceOf(Lookup.Found.class);
        assertThat(store.certificates("eva@example.com")).isEqualTo(Lookup.found(List.of(eva.certificate())));
    }

    @Test
    void settingsNeverPrintTheBindPassword() {
        assertThat(settings().withBind("cn=reader", "hunter2").toString()).doesNotContain("hunter2");
    }

    private LdapSettings settings() {
        return LdapSettings.defaults(List.of("127.0.0.1:" + server.getListenPort()), BASE);
    }

    private LdapCertificateStore store(LdapSettings settings) {
        return new LdapCertificateStore(settings, StaticTrustSource.anchorsOnly(List.of(PKI.rootCertificate())),
            clock);
    }

    private static Entry person(String mail, Attribute... certificates) {
        Entry entry = new Entry("cn=" + mail + "," + BASE);
        entry.addAttribute("objectClass", "inetOrgPerson");
        entry.addAttribute("cn", mail);
        entry.addAttribute("sn", "x");
        entry.addAttribute("mail", mail);
        for (Attribute attribute : certificates) {
            entry.addAttribute(attribute);
        }
        return entry;
    }
}
