package org.smimegateway.keystore;

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.composite.CompositeKeystoreProvider;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.ldap.LdapCertificateStore;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.StaticTrustSource;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * {@link KeystoreProvider#flushCaches()}: a change an operator just made (a CRL file, a directory entry) is seen by
 * the very next answer, however long the caches and rescan intervals are.
 */
class FlushCachesTest {
    private static final TestPki PKI = TestPki.create("Flush");
    private static final String BASE = "dc=example,dc=com";

    @TempDir
    Path root;
    private FileCertificateStore fileStore;
    private LdapCertificateStore ldapStore;
    private InMemoryDirectoryServer server;

    @AfterEach
    void close() {
        if (fileStore != null) {
            fileStore.close();
        }
        if (ldapStore != null) {
            ldapStore.close();
        }
        if (server != null) {
            server.shutDown(true);
        }
    }

    @Test
    void aCrlFileWrittenJustBeforeRevokesAtOnceAfterAFlushAlthoughNoRescanRuns() {
        TestIdentity anna = PKI.user("anna@example.com");
        KeystoreProvider provider = fileProvider(Duration.ZERO, anna);
        assertThat(usable(provider, "anna@example.com")).isTrue();

        PkiFiles.writeCrlDer(root.resolve("crls/issuing.crl"), PKI.crl(anna.certificate().getSerialNumber()));
        // No rescan and a cached verdict: without a flush the gateway would still encrypt to her.
        assertThat(usable(provider, "anna@example.com")).isTrue();

        provider.flushCaches();

        assertThat(usable(provider, "anna@example.com")).isFalse();
        assertThat(provider.validate(anna.certificate(), List.of())).isInstanceOf(TrustVerdict.Revoked.class);
    }

    @Test
    void withALongRescanIntervalTheFlushReturnsOnlyOnceTheNewFilesAreRead() throws Exception {
        TestIdentity ben = PKI.user("ben@example.com");
        TestIdentity cara = PKI.user("cara@example.com");
        KeystoreProvider provider = fileProvider(Duration.ofHours(1), ben);

        PkiFiles.writeCrlDer(root.resolve("crls/issuing.crl"), PKI.crl(ben.certificate().getSerialNumber()));
        PkiFiles.writePem(root.resolve("certs/cara.pem"), cara.certificate());
        provider.flushCaches();

        assertThat(usable(provider, "ben@example.com")).isFalse();
        assertThat(usable(provider, "cara@example.com")).isTrue();

        Files.delete(root.resolve("certs/cara.pem"));
        provider.flushCaches();
        assertThat(provider.encryptionCertificates("cara@example.com")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void aDirectoryChangeIsSeenAfterAFlushDespiteALongCacheTtlAndThroughAComposite() throws Exception {
        TestIdentity dora = PKI.user("dora@example.com");
        TestIdentity doraRenewed = PKI.user("dora@example.com");
        startDirectory();
        server.add(person("dora@example.com", dora));
        LdapSettings settings = LdapSettings.defaults(List.of("127.0.0.1:" + server.getListenPort()), BASE)
            .withCache(Duration.ofHours(1), Duration.ofHours(1), 100);
        StaticTrustSource local = new StaticTrustSource(List.of(PKI.rootCertificate()),
            List.of(PKI.intermediateCertificate()), List.of());
        ldapStore = new LdapCertificateStore(settings, local, Clock.systemUTC());
        KeystoreProvider directory = new StoreKeystoreProvider(ldapStore,
            new PathValidator(ldapStore.trust(), RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
        KeystoreProvider composite = new CompositeKeystoreProvider(List.of(fileProvider(Duration.ZERO), directory),
            directory);
        assertThat(usableCertificates(composite, "dora@example.com")).containsExactly(dora.certificate());

        server.delete("cn=dora@example.com," + BASE);
        server.add(person("dora@example.com", doraRenewed));
        assertThat(usableCertificates(composite, "dora@example.com")).as("cached for an hour").containsExactly(dora.certificate());

        composite.flushCaches();

        assertThat(usableCertificates(composite, "dora@example.com")).containsExactly(doraRenewed.certificate());
    }

    @Test
    void aCrlPublishedInTheDirectoryRevokesAtOnceAfterAFlush() throws Exception {
        TestIdentity emil = PKI.user("emil@example.com");
        startDirectory();
        server.add(person("emil@example.com", emil));
        String ca = "cn=issuing," + BASE;
        server.add(new Entry(ca, List.of(new Attribute("objectClass", "top", "applicationProcess", "pkiCA"),
            new Attribute("cn", "issuing"),
            new Attribute("cACertificate;binary", PKI.intermediateCertificate().getEncoded()))));
        LdapSettings settings = LdapSettings.defaults(List.of("127.0.0.1:" + server.getListenPort()), BASE)
            .withCache(Duration.ofHours(1), Duration.ofHours(1), 100);
        ldapStore = new LdapCertificateStore(settings, StaticTrustSource.anchorsOnly(List.of(PKI.rootCertificate())),
            Clock.systemUTC());
        KeystoreProvider provider = new StoreKeystoreProvider(ldapStore,
            new PathValidator(ldapStore.trust(), RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
        assertThat(usable(provider, "emil@example.com")).isTrue();

        server.modify("dn: " + ca, "changetype: modify", "add: certificateRevocationList;binary",
            "certificateRevocationList;binary:: " + java.util.Base64.getEncoder()
                .encodeToString(PKI.crl(emil.certificate().getSerialNumber()).getEncoded()));
        assertThat(usable(provider, "emil@example.com")).as("CA entries cached for an hour").isTrue();

        provider.flushCaches();

        assertThat(usable(provider, "emil@example.com")).isFalse();
    }

    private KeystoreProvider fileProvider(Duration rescan, TestIdentity... users) {
        PkiFiles.writePem(root.resolve("anchors/root.pem"), PKI.rootCertificate());
        PkiFiles.writePem(root.resolve("intermediates/issuing.pem"), PKI.intermediateCertificate());
        for (TestIdentity user : users) {
            PkiFiles.writePem(root.resolve("certs/" + user.certificate().getSerialNumber() + ".pem"),
                user.certificate());
        }
        fileStore = FileCertificateStore.open(new FileStoreSettings(root, null, rescan));
        return new StoreKeystoreProvider(fileStore,
            new PathValidator(fileStore, RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
    }

    private static boolean usable(KeystoreProvider provider, String address) {
        return provider.encryptionCertificates(address) instanceof Lookup.Found<EncryptionCertificates> found
            && found.value().isUsable();
    }

    private static List<X509Certificate> usableCertificates(KeystoreProvider provider, String address) {
        return provider.encryptionCertificates(address) instanceof Lookup.Found<EncryptionCertificates> found
            ? found.value().usable() : List.of();
    }

    private void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo", InetAddress.getLoopbackAddress(), 0,
            null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.startListening();
    }

    private static Entry person(String mail, TestIdentity identity) throws Exception {
        Entry entry = new Entry("cn=" + mail + "," + BASE);
        entry.addAttribute("objectClass", "inetOrgPerson");
        entry.addAttribute("cn", mail);
        entry.addAttribute("sn", "x");
        entry.addAttribute("mail", mail);
        entry.addAttribute(new Attribute("userCertificate;binary", identity.certificate().getEncoded()));
        return entry;
    }
}
