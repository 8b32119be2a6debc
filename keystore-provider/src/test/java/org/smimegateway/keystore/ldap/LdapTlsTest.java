package org.smimegateway.keystore.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.StaticTrustSource;

/** LDAPS and StartTLS against the in-memory directory with a server certificate from the test PKI. */
class LdapTlsTest {
    private static final TestPki PKI = TestPki.create("Tls");
    private static final TestPki STRANGER = PKI.independentRoot("Tls Stranger");
    private static final String BASE = "dc=example,dc=com";
    private static final char[] PASSWORD = "server-pw".toCharArray();

    @TempDir
    Path temp;
    private InMemoryDirectoryServer server;
    private LdapCertificateStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.shutDown(true);
        }
    }

    @Test
    void readsCertificatesOverLdapsWhenTheServerCertificateIsTrusted() throws Exception {
        TestIdentity user = start(TlsMode.LDAPS);

        store = store(TlsMode.LDAPS, PkiFiles.writePem(temp.resolve("ca.pem"), PKI.rootCertificate()));

        assertThat(store.certificates("tls@example.com")).isEqualTo(Lookup.found(List.of(user.certificate())));
    }

    @Test
    void readsCertificatesAfterStartTls() throws Exception {
        TestIdentity user = start(TlsMode.STARTTLS);

        store = store(TlsMode.STARTTLS, PkiFiles.writePem(temp.resolve("ca.pem"), PKI.rootCertificate()));

        assertThat(store.certificates("tls@example.com")).isEqualTo(Lookup.found(List.of(user.certificate())));
    }

    @Test
    void aServerCertificateFromAnotherCaMakesTheDirectoryUnavailable() throws Exception {
        start(TlsMode.LDAPS);

        store = store(TlsMode.LDAPS, PkiFiles.writePem(temp.resolve("other.pem"), STRANGER.rootCertificate()));

        assertThat(store.certificates("tls@example.com")).isInstanceOf(Lookup.Unavailable.class);
    }

    private TestIdentity start(TlsMode mode) throws Exception {
        TestIdentity serverIdentity = PKI.endEntity("ldap@example.com").tlsOnly().ipAddresses("127.0.0.1")
            .dnsNames("localhost").issue();
        Path keystore = PkiFiles.writePkcs12(temp.resolve("server.p12"), serverIdentity, PASSWORD);
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keystore.toFile(), PASSWORD, "PKCS12", "key"), null);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(mode == TlsMode.LDAPS
            ? InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, serverSsl.createSSLServerSocketFactory(),
                null)
            : InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, serverSsl.createSSLSocketFactory()));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        TestIdentity user = PKI.user("tls@example.com");
        Entry entry = new Entry("cn=tls," + BASE);
        entry.addAttribute("objectClass", "inetOrgPerson");
        entry.addAttribute("cn", "tls");
        entry.addAttribute("sn", "tls");
        entry.addAttribute("mail", "tls@example.com");
        entry.addAttribute(new Attribute("userCertificate;binary", user.certificate().getEncoded()));
        server.add(entry);
        server.startListening();
        return user;
    }

    private LdapCertificateStore store(TlsMode mode, Path trusted) {
        LdapSettings settings = LdapSettings.defaults(List.of("127.0.0.1:" + server.getListenPort()), BASE)
            .withTls(mode, trusted).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new LdapCertificateStore(settings, StaticTrustSource.anchorsOnly(List.of(PKI.rootCertificate())),
            Clock.systemUTC());
    }
}
