package org.smimegateway.keystore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.composite.CompositeKeystoreProvider;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

class KeystoreConfigLoaderTest {
    private static final TestPki PKI = TestPki.create("Config");
    private final KeystoreConfigLoader loader = new KeystoreConfigLoader(Clock.systemUTC());

    @TempDir
    Path dir;

    @Test
    void buildsAFileSourceWhosePathIsRelativeToTheConfigurationFile() throws Exception {
        TestIdentity alice = PKI.user("alice@example.com");
        PkiFiles.writePkcs12(dir.resolve("store/keys/alice.p12"), alice, "pw".toCharArray());
        PkiFiles.writePem(dir.resolve("store/anchors/root.pem"), PKI.rootCertificate());
        Path config = write("""
            <keystore>
              <file name="local">
                <directory>file://store</directory>
                <keyPassword>pw</keyPassword>
                <rescanInterval>0s</rescanInterval>
              </file>
            </keystore>
            """);

        try (ConfiguredKeystore keystore = loader.load(config)) {
            assertThat(keystore.provider()).isInstanceOf(StoreKeystoreProvider.class);
            assertThat(keystore.sources()).containsOnlyKeys("local");
            Lookup<SigningIdentity> signing = keystore.provider().signingIdentity("alice@example.com");
            assertThat(signing).isInstanceOf(Lookup.Found.class);
        }
    }

    @Test
    void buildsAFileThenLdapCompositeWithAnchorsTakenFromTheFileSource() throws Exception {
        TestIdentity bob = PKI.user("bob@example.com");
        PkiFiles.writePem(dir.resolve("store/anchors/root.pem"), PKI.rootCertificate());
        PkiFiles.writePem(dir.resolve("store/intermediates/int.pem"), PKI.intermediateCertificate());
        InMemoryDirectoryServerConfig serverConfig = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        serverConfig.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo",
            InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(serverConfig);
        server.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        server.add(new Entry("cn=bob,dc=example,dc=com", List.of(
            new Attribute("objectClass", "inetOrgPerson"),
            new Attribute("cn", "bob"), new Attribute("sn", "bob"),
            new Attribute("mail", "bob@example.com"),
            new Attribute("userCertificate;binary", bob.certificate().getEncoded()))));
        server.startListening();
        Path config = write("""
            <keystore>
              <revocation failMode="soft" fetchDistributionPoints="false" fetchTimeout="5s"/>
              <file name="local">
                <directory>%s</directory>
                <rescanInterval>0s</rescanInterval>
              </file>
              <ldap name="directory">
                <server>127.0.0.1:%d</server>
                <baseDn>dc=example,dc=com</baseDn>
                <filter>(&amp;(objectClass=inetOrgPerson)(mail={0}))</filter>
                <cacheTtl>1m</cacheTtl>
                <trustFrom>local</trustFrom>
              </ldap>
              <harvestInto>local</harvestInto>
            </keystore>
            """.formatted(dir.resolve("store"), server.getListenPort()));

        try (ConfiguredKeystore keystore = loader.load(config)) {
            assertThat(keystore.provider()).isInstanceOf(CompositeKeystoreProvider.class);
            Lookup<EncryptionCertificates> found = keystore.provider().encryptionCertificates("bob@example.com");
            assertThat(found).isInstanceOf(Lookup.Found.class);
            assertThat(((Lookup.Found<EncryptionCertificates>) found).value().usable())
                .containsExactly(bob.certificate());
        } finally {
            server.shutDown(true);
        }
    }

    @Test
    void rejectsAMisspeltElementNamingTheAcceptedOnes() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        Path config = write("""
            <keystore>
              <file><directory>store</directory><rescanIntervall>1m</rescanIntervall></file>
            </keystore>
            """);

        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(KeystoreConfigurationException.class)
            .hasMessageContaining("unknown element <rescanIntervall>").hasMessageContaining("rescanInterval");
    }

    @Test
    void rejectsAnLdapSourceWithoutAnyTrustAnchors() throws Exception {
        Path config = write("""
            <keystore>
              <ldap><server>127.0.0.1:1</server><baseDn>dc=example,dc=com</baseDn></ldap>
            </keystore>
            """);

        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(KeystoreConfigurationException.class)
            .hasMessageContaining("<anchors> or <trustFrom> is required");
    }

    @Test
    void rejectsBadValuesWithTheAcceptedForms() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        Path badMode = write("""
            <keystore><revocation failMode="lenient"/><file><directory>store</directory></file></keystore>
            """);
        Path badDuration = write("""
            <keystore><file><directory>store</directory><rescanInterval>soon</rescanInterval></file></keystore>
            """);
        Path missingDirectory = write("""
            <keystore><file><directory>nowhere</directory></file></keystore>
            """);

        assertThatThrownBy(() -> loader.load(badMode)).hasMessageContaining("not one of soft, hard");
        assertThatThrownBy(() -> loader.load(badDuration)).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> loader.load(missingDirectory)).hasMessageContaining("is not a directory");
    }

    private Path write(String xml) throws Exception {
        Path file = Files.createTempFile(dir, "keystore", ".xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }
}
