package org.smimegateway.admin.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.contract.InMemoryLdapServer;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.ldap.LdapCertificateStore;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.MutableClock;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.StaticTrustSource;

/**
 * {@code publish-certificate} against UnboundID's in-memory directory over TCP, read back by the gateway's own LDAP
 * store configured as the gateway-ldap sample does (the CA root a local anchor, the certificate from the directory).
 */
class InMemoryLdapCertificatePublicationTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");
    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;
    private static final String CAROL = "carol@partner.test";

    @TempDir
    Path work;

    private LdapServer server;
    private Path store;
    private Path caDir;
    private Path caPassword;
    private Path bindPassword;

    @BeforeEach
    void createCaAndDirectory() throws Exception {
        server = new InMemoryLdapServer();
        try (LDAPConnection connection = connect()) {
            connection.add(new Entry(PEOPLE, List.of(new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "people"))));
        }
        store = work.resolve("store");
        caDir = work.resolve("ca");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        bindPassword = Files.writeString(work.resolve("bind-password"), LdapServer.ADMIN_PASSWORD + "\n");
        ok(ca("init-ca", "--key-algorithm", "EC_P256", "--root-cn", "Test Root CA", "--intermediate-cn", "Test CA"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void publishesTheStoresCertificateInANewEntryTheGatewaysLdapStoreThenUses() throws Exception {
        X509Certificate carol = issueExternal(CAROL);

        Cli.Run published = ok(publish("--address", CAROL));

        assertThat(published.out()).contains("LDAP: created cn=" + CAROL + "," + PEOPLE
            + ": userCertificate;binary, userSMIMECertificate");
        Entry entry = entry("cn=" + CAROL + "," + PEOPLE);
        assertThat(entry.getAttributeValue("mail")).isEqualTo(CAROL);
        assertThat(entry.getObjectClassValues()).contains("inetOrgPerson");
        assertThat(derValues(entry)).containsExactly(carol);
        assertThat(CertificateCodec.certificates(entry.getAttribute("userSMIMECertificate").getValueByteArray()))
            .as("certs-only PKCS#7").containsExactly(carol);
        assertThat(usable(CAROL)).containsExactly(carol);
    }

    @Test
    void addsToAnExistingEntryOnceAndKeepsTheCertificatesAlreadyThere() throws Exception {
        X509Certificate old = issueExternal(CAROL);
        try (LDAPConnection connection = connect()) {
            connection.add(new Entry("uid=carol," + PEOPLE, List.of(
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", "carol"), new Attribute("cn", "Carol"), new Attribute("sn", "Partner"),
                new Attribute("mail", CAROL), new Attribute("userCertificate;binary", old.getEncoded()))));
        }
        X509Certificate renewed = issueExternal(CAROL);
        // Named explicitly: issued within the same second, both certificates have the same notBefore, so "the newest
        // in the store" would not say which one is meant.
        Path renewedFile = Files.write(work.resolve("renewed.der"), renewed.getEncoded());

        Cli.Run first = ok(publish("--address", CAROL, "--ldap-attribute", "USER_CERTIFICATE",
            "--certificate", renewedFile.toString()));
        Cli.Run again = ok(publish("--address", CAROL, "--ldap-attribute", "USER_CERTIFICATE",
            "--certificate", renewedFile.toString()));

        assertThat(first.out()).contains("LDAP: updated uid=carol," + PEOPLE + ": userCertificate;binary");
        assertThat(again.out()).contains("(already published)");
        Entry entry = entry("uid=carol," + PEOPLE);
        assertThat(derValues(entry)).containsExactlyInAnyOrder(old, renewed);
        assertThat(entry.getAttribute("userSMIMECertificate")).isNull();
    }

    @Test
    void removeFileCopyTakesTheCertificateOutOfTheGatewaysFolderButListStillShowsIt() throws Exception {
        X509Certificate carol = issueExternal(CAROL);
        assertThat(certsFolder()).isNotEmpty();

        Cli.Run published = ok(publish("--address", CAROL, "--remove-file-copy"));

        assertThat(published.out()).contains("moved out of the gateway's reach");
        assertThat(certsFolder()).isEmpty();
        assertThat(store.resolve("published")).isDirectoryContaining(p -> p.toString().endsWith(".pem"));
        assertThat(ok(ca("list")).out()).contains(CAROL).contains(carol.getSerialNumber().toString(16));
        assertThat(usable(CAROL)).containsExactly(carol);
    }

    @Test
    void refusesTwoEntriesForOneAddress() throws Exception {
        issueExternal(CAROL);
        try (LDAPConnection connection = connect()) {
            for (String uid : List.of("carol1", "carol2")) {
                connection.add(new Entry("uid=" + uid + "," + PEOPLE, List.of(
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", "P"),
                    new Attribute("mail", CAROL))));
            }
        }

        Cli.Run refused = publish("--address", CAROL);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("2 entries under " + PEOPLE + " have mail=" + CAROL);
    }

    /** Each value of userCertificate;binary read as exactly one DER certificate. */
    private static List<X509Certificate> derValues(Entry entry) throws Exception {
        List<X509Certificate> result = new ArrayList<>();
        for (byte[] value : entry.getAttribute("userCertificate;binary").getValueByteArrays()) {
            X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(value));
            assertThat(certificate.getEncoded()).isEqualTo(value);
            result.add(certificate);
        }
        return result;
    }

    private List<Path> certsFolder() throws Exception {
        try (var files = Files.list(store.resolve("certs"))) {
            return files.filter(p -> p.toString().endsWith(".pem")).toList();
        }
    }

    private List<X509Certificate> usable(String address) throws Exception {
        X509Certificate root = CertificateCodec.certificates(Files.readAllBytes(caDir.resolve("root.pem"))).get(0);
        MutableClock clock = new MutableClock(Instant.now());
        LdapSettings settings = LdapSettings.defaults(List.of(server.address()), PEOPLE)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (LdapCertificateStore directory = new LdapCertificateStore(settings,
            StaticTrustSource.anchorsOnly(List.of(root)), clock)) {
            // The issuing CA is not in the directory here: the chain comes with the certificate's issuer from the
            // store's intermediates, as the gateway-ldap sample's local anchors/intermediates provide it.
            StoreKeystoreProvider gateway = new StoreKeystoreProvider(directory,
                new PathValidator(new StaticTrustSource(List.of(root),
                    CertificateCodec.certificates(Files.readAllBytes(caDir.resolve("intermediate.pem"))), List.of()),
                    RevocationPolicy.DEFAULT, clock), clock);
            Lookup<EncryptionCertificates> lookup = gateway.encryptionCertificates(address);
            assertThat(lookup).isInstanceOf(Lookup.Found.class);
            @SuppressWarnings("unchecked")
            Lookup.Found<EncryptionCertificates> found = (Lookup.Found<EncryptionCertificates>) lookup;
            return found.value().usable();
        }
    }

    private X509Certificate issueExternal(String address) throws Exception {
        Cli.Run issued = ok(ca("issue", "--address", address, "--external", "--key-algorithm", "EC_P256",
            "--out-dir", work.resolve("pfx").toString(), "--password-channel", "file", "--password-out",
            work.resolve("passwords.tsv").toString()));
        Matcher serial = SERIAL.matcher(issued.out());
        assertThat(serial.find()).as(issued.toString()).isTrue();
        Path exported = work.resolve(address + "-" + serial.group(1) + ".pem");
        ok(Cli.run("export", "--store", store.toString(), "--type", "CERTIFICATE", "--serial", serial.group(1),
            "--out", exported.toString()));
        return CertificateCodec.certificates(Files.readAllBytes(exported)).get(0);
    }

    private Cli.Run publish(String... more) {
        List<String> args = new ArrayList<>(List.of("publish-certificate", "--store", store.toString(), "--ldap-url",
            "ldap://" + server.address(), "--ldap-bind-dn", LdapServer.ADMIN_DN, "--ldap-password-file",
            bindPassword.toString(), "--ldap-people-dn", PEOPLE));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Run ca(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--store", store.toString()));
        if (!command.equals("list")) {
            args.addAll(List.of("--ca-dir", caDir.toString(), "--ca-password-file", caPassword.toString()));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Cli.Run ok(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private Entry entry(String dn) throws Exception {
        try (LDAPConnection connection = connect()) {
            Entry entry = connection.getEntry(dn, "*", "userCertificate;binary", "userSMIMECertificate");
            assertThat(entry).as(dn).isNotNull();
            return entry;
        }
    }

    private LDAPConnection connect() throws Exception {
        String[] hostPort = server.address().split(":");
        return new LDAPConnection(hostPort[0], Integer.parseInt(hostPort[1]), LdapServer.ADMIN_DN,
            LdapServer.ADMIN_PASSWORD);
    }
}
