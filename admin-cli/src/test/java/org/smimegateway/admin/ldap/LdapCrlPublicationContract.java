package org.smimegateway.admin.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.ldap.LdapCertificateStore;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.MutableClock;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.StaticTrustSource;

/**
 * {@code crl}/{@code revoke --ldap-…} against a directory server over TCP, read back by the gateway's own LDAP store
 * configured as an operator would: the root as a local anchor, everything else (the recipient's certificate, the
 * intermediate, both CRLs) from the directory only, so the revocation the gateway applies can only have come through
 * LDAP. The same suite runs against UnboundID's in-memory server and a real OpenLDAP slapd.
 */
abstract class LdapCrlPublicationContract {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");
    private static final String PKI = "ou=pki," + LdapServer.SUFFIX;
    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;
    private static final String ISSUING_DN = "cn=Test Issuing CA," + PKI;
    private static final String ROOT_DN = "cn=Test Root CA," + PKI;
    private static final Duration CACHE_TTL = Duration.ofMinutes(1);

    @TempDir
    Path work;

    private LdapServer server;
    private Path store;
    private Path caDir;
    private Path caPassword;
    private Path bindPassword;

    /** A fresh, empty directory with the suffix entry and the admin of {@link LdapServer}. */
    abstract LdapServer startServer(Path directory) throws Exception;

    @BeforeEach
    void createCaAndDirectory() throws Exception {
        server = startServer(Files.createDirectories(work.resolve("ldap")));
        withConnection(connection -> {
            for (String unit : List.of("pki", "people")) {
                connection.add(new Entry("ou=" + unit + "," + LdapServer.SUFFIX, List.of(
                    new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", unit))));
            }
        });
        store = work.resolve("store");
        caDir = work.resolve("ca");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        bindPassword = Files.writeString(work.resolve("bind-password"), LdapServer.ADMIN_PASSWORD + "\n");
        cli("init-ca", "--key-algorithm", "EC_P256", "--root-cn", "Test Root CA", "--intermediate-cn",
            "Test Issuing CA");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void revocationPublishedToLdapIsAppliedByTheGatewaysLdapStoreWithinItsCacheTtl() throws Exception {
        Cli.Run first = cli("crl", ldap("--ldap-root-dn", ROOT_DN));
        assertThat(first.out()).contains("LDAP: created " + ISSUING_DN, "LDAP: created " + ROOT_DN);
        X509Certificate carol = issueExternal("carol@partner.test");
        publishPerson("carol@partner.test", carol);

        MutableClock clock = new MutableClock(Instant.now());
        try (LdapCertificateStore directory = gatewayStore(clock)) {
            StoreKeystoreProvider gateway = gateway(directory, clock);
            assertThat(encryptionCertificates(gateway, "carol@partner.test").usable()).as("before revocation")
                .containsExactly(carol);

            Cli.Run revoked = cli("revoke", ldap("--address", "carol@partner.test", "--reason", "KEY_COMPROMISE",
                "--ldap-root-dn", ROOT_DN));
            assertThat(revoked.out()).contains("LDAP: replaced certificate and CRL of " + ISSUING_DN);

            X509CRL published = onlyCrlIn(ISSUING_DN);
            assertThat(published.getRevokedCertificate(carol.getSerialNumber())).isNotNull();
            assertThat(storeCrls()).as("the CRL revoke wrote to the store").contains(published);
            assertThat(onlyCrlIn(ROOT_DN).getIssuerX500Principal()).isEqualTo(root().getSubjectX500Principal());
            assertThat(encryptionCertificates(gateway, "carol@partner.test").usable())
                .as("within cacheTtl the gateway still uses the CA entries it read").containsExactly(carol);

            clock.advance(CACHE_TTL.plusSeconds(1));
            EncryptionCertificates after = encryptionCertificates(gateway, "carol@partner.test");
            assertThat(after.usable()).isEmpty();
            assertThat(after.rejected()).singleElement().satisfies(rejection -> {
                assertThat(rejection.certificate()).isEqualTo(carol);
                assertThat(rejection.reason()).containsIgnoringCase("revoked");
            });
        }
    }

    @Test
    void republishingReplacesTheCrlSoTheEntryHoldsExactlyTheNewestOne() throws Exception {
        cli("crl", ldap());
        X509CRL older = onlyCrlIn(ISSUING_DN);

        cli("crl", ldap());

        X509CRL newer = onlyCrlIn(ISSUING_DN);
        assertThat(crlNumber(newer)).isGreaterThan(crlNumber(older));
        assertThat(storeCrls()).contains(newer);
        assertThat(caCertificatesIn(ISSUING_DN)).containsExactly(intermediate());
    }

    @Test
    void existingEntryWithoutCaObjectClassGetsPkiCaAndTheValues() throws Exception {
        withConnection(connection -> connection.add(new Entry(ISSUING_DN, List.of(
            new Attribute("objectClass", "top", "applicationProcess"), new Attribute("cn", "Test Issuing CA")))));

        Cli.Run run = cli("crl", ldap());

        assertThat(run.out()).contains("LDAP: replaced certificate and CRL of " + ISSUING_DN);
        assertThat(entry(ISSUING_DN).getObjectClassValues()).contains("applicationProcess", "pkiCA");
        assertThat(storeCrls()).contains(onlyCrlIn(ISSUING_DN));
    }

    @Test
    void ldapPublicationNeedsABindPasswordFromAFileOrTheEnvironment() {
        Cli.Run missing = Cli.run("crl", "--store", store.toString(), "--ca-dir", caDir.toString(),
            "--ca-password-file", caPassword.toString(), "--ldap-url", "ldap://" + server.address(),
            "--ldap-bind-dn", LdapServer.ADMIN_DN, "--ldap-ca-dn", ISSUING_DN);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("--ldap-password-file or --ldap-password-env");

        Cli.Run literal = Cli.run("crl", "--store", store.toString(), "--ca-dir", caDir.toString(),
            "--ca-password-file", caPassword.toString(), "--ldap-url", "ldap://" + server.address(),
            "--ldap-bind-dn", LdapServer.ADMIN_DN, "--ldap-ca-dn", ISSUING_DN, "--ldap-password",
            LdapServer.ADMIN_PASSWORD);
        assertThat(literal.exitCode()).as("no option takes the password on the command line").isEqualTo(2);
    }

    private String[] ldap(String... more) {
        List<String> args = new ArrayList<>(List.of("--ldap-url", "ldap://" + server.address(), "--ldap-bind-dn",
            LdapServer.ADMIN_DN, "--ldap-password-file", bindPassword.toString(), "--ldap-ca-dn", ISSUING_DN));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private X509Certificate issueExternal(String address) throws IOException {
        Cli.Run issued = cli("issue", "--address", address, "--external", "--key-algorithm", "EC_P256",
            "--out-dir", work.resolve("pfx").toString(), "--password-channel", "file", "--password-out",
            work.resolve("passwords.tsv").toString());
        Matcher serial = SERIAL.matcher(issued.out());
        assertThat(serial.find()).as(issued.toString()).isTrue();
        Path exported = work.resolve(address + ".pem");
        Cli.Run export = Cli.run("export", "--store", store.toString(), "--type", "CERTIFICATE", "--serial",
            serial.group(1), "--out", exported.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        return certificate(Files.readAllBytes(exported));
    }

    private void publishPerson(String address, X509Certificate certificate) throws Exception {
        byte[] der = certificate.getEncoded();
        withConnection(connection -> connection.add(new Entry("cn=" + address + "," + PEOPLE, List.of(
            new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
            new Attribute("cn", address), new Attribute("sn", "Partner"), new Attribute("mail", address),
            new Attribute("userCertificate;binary", der)))));
    }

    private LdapCertificateStore gatewayStore(MutableClock clock) throws IOException {
        LdapSettings settings = LdapSettings.defaults(List.of(server.address()), LdapServer.SUFFIX)
            .withCache(CACHE_TTL, Duration.ofSeconds(10), 100)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new LdapCertificateStore(settings, StaticTrustSource.anchorsOnly(List.of(root())), clock);
    }

    private static StoreKeystoreProvider gateway(LdapCertificateStore directory, MutableClock clock) {
        return new StoreKeystoreProvider(directory,
            new PathValidator(directory.trust(), RevocationPolicy.DEFAULT, clock), clock);
    }

    @SuppressWarnings("unchecked")
    private static EncryptionCertificates encryptionCertificates(StoreKeystoreProvider gateway, String address) {
        Lookup<EncryptionCertificates> lookup = gateway.encryptionCertificates(address);
        assertThat(lookup).as(address).isInstanceOf(Lookup.Found.class);
        return ((Lookup.Found<EncryptionCertificates>) lookup).value();
    }

    private X509CRL onlyCrlIn(String dn) throws Exception {
        Attribute crls = entry(dn).getAttribute(LdapCrlPublisher.CRL_ATTRIBUTE);
        assertThat(crls).as(dn + " " + LdapCrlPublisher.CRL_ATTRIBUTE).isNotNull();
        assertThat(crls.getValueByteArrays().length).as("values of " + LdapCrlPublisher.CRL_ATTRIBUTE).isEqualTo(1);
        return CertificateCodec.crls(crls.getValueByteArrays()[0]).get(0);
    }

    private List<X509Certificate> caCertificatesIn(String dn) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] value : entry(dn).getAttribute(LdapCrlPublisher.CA_CERTIFICATE_ATTRIBUTE).getValueByteArrays()) {
            certificates.add(certificate(value));
        }
        return certificates;
    }

    private List<X509CRL> storeCrls() throws IOException {
        List<X509CRL> crls = new ArrayList<>();
        try (Stream<Path> files = Files.list(store.resolve("crls"))) {
            for (Path file : files.toList()) {
                crls.addAll(CertificateCodec.crls(Files.readAllBytes(file)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return crls;
    }

    private Entry entry(String dn) throws Exception {
        Entry[] found = new Entry[1];
        withConnection(connection -> found[0] = connection.getEntry(dn, "objectClass",
            LdapCrlPublisher.CRL_ATTRIBUTE, LdapCrlPublisher.CA_CERTIFICATE_ATTRIBUTE));
        assertThat(found[0]).as(dn).isNotNull();
        return found[0];
    }

    private X509Certificate root() throws IOException {
        return certificate(Files.readAllBytes(caDir.resolve("root.pem")));
    }

    private X509Certificate intermediate() throws IOException {
        return certificate(Files.readAllBytes(caDir.resolve("intermediate.pem")));
    }

    private static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.20")).getOctets())
            .getValue();
    }

    private static X509Certificate certificate(byte[] encoded) {
        try {
            return CertificateCodec.certificates(encoded).get(0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void withConnection(LdapWork work) throws Exception {
        String[] hostPort = server.address().split(":");
        try (LDAPConnection connection = new LDAPConnection(hostPort[0], Integer.parseInt(hostPort[1]),
            LdapServer.ADMIN_DN, LdapServer.ADMIN_PASSWORD)) {
            work.run(connection);
        }
    }

    private Cli.Run cli(String command, String... args) {
        List<String> full = new ArrayList<>(List.of(command, "--store", store.toString(), "--ca-dir",
            caDir.toString(), "--ca-password-file", caPassword.toString()));
        full.addAll(List.of(args));
        Cli.Run run = Cli.run(full.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private interface LdapWork {
        void run(LDAPConnection connection) throws LDAPException;
    }
}
