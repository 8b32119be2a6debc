package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.ProjectPaths;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.contract.SlapdServer;
import org.smimegateway.keystore.testing.ExternalTool;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldif.LDIFReader;

/**
 * LDAP end to end on a real James 3.8.1 with conf-samples/gateway + gateway-ldap: a real OpenLDAP slapd with the
 * core, cosine and inetorgperson schemas is loaded with the sample's {@code slapd/people.ldif}; the admin command line
 * (its runnable jar, as an operator runs it) issues carol's certificate and publishes it in her entry with
 * {@code publish-certificate --remove-file-copy}; the gateway then encrypts mail to carol with that certificate, which
 * it can only have found in the directory.
 */
class LdapCertificatePublicationIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String SAMPLE_SUFFIX = "dc=gateway,dc=test";
    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;
    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");

    private static SlapdServer directory;
    private static Path root;
    private static Path store;
    private static Path caDir;
    private static Path caPassword;
    private static Path pfx;
    private static String carolsSerial;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway", "gateway-ldap")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(LdapCertificatePublicationIT::provision);

    private static void provision(Path jamesRoot) throws Exception {
        root = jamesRoot;
        store = root.resolve("conf/smime-gateway/store");
        caDir = root.resolve("smime-ca");
        caPassword = Files.writeString(root.resolve("ca.pw"), "long CA passphrase\n");
        pfx = Files.createDirectories(root.resolve("pfx"));
        requireSlapd();
        directory = SlapdServer.start(Files.createDirectories(root.resolve("slapd")));
        loadSampleLdif();

        admin("init-ca", "--root-cn", "LDAP IT Root CA", "--intermediate-cn", "LDAP IT Issuing CA");
        admin("issue", "--address", ALICE, "--name", "Alice");
        Matcher serial = SERIAL.matcher(admin("issue", "--address", CAROL, "--external", "--out-dir", pfx.toString(),
            "--password-channel", "FILE", "--password-out", pfx.resolve("passwords.tsv").toString()).stdoutText());
        assertThat(serial.find()).isTrue();
        carolsSerial = serial.group(1);
        Path bindPassword = Files.writeString(root.resolve("bind.pw"), LdapServer.ADMIN_PASSWORD + "\n");
        String published = admin("publish-certificate", "--address", CAROL, "--ldap-url",
            "ldap://" + directory.address(), "--ldap-bind-dn", LdapServer.ADMIN_DN, "--ldap-password-file",
            bindPassword.toString(), "--ldap-people-dn", PEOPLE, "--remove-file-copy").stdoutText();
        assertThat(published).contains("LDAP: updated cn=Carol Remote," + PEOPLE);
        try (Stream<Path> certs = Files.list(store.resolve("certs"))) {
            assertThat(certs.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(CAROL));
        }

        Path keystore = root.resolve("conf/smime-gateway/keystore.xml");
        String sample = Files.readString(keystore);
        assertThat(sample).contains("127.0.0.1:10389", "<baseDn>ou=people," + SAMPLE_SUFFIX + "</baseDn>");
        Files.writeString(keystore, sample.replace("127.0.0.1:10389", directory.address())
            .replace("<baseDn>ou=people," + SAMPLE_SUFFIX + "</baseDn>", "<baseDn>" + PEOPLE + "</baseDn>"));
    }

    /** The sample's LDIF under the test directory's suffix; its suffix entry exists already. */
    private static void loadSampleLdif() throws Exception {
        String ldif = Files.readString(ProjectPaths.sample("gateway-ldap").resolve("slapd/people.ldif"))
            .replace(SAMPLE_SUFFIX, LdapServer.SUFFIX);
        try (LDAPConnection admin = directory.connect();
             LDIFReader reader = new LDIFReader(new java.io.ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)))) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                if (!entry.getDN().equalsIgnoreCase(LdapServer.SUFFIX)) {
                    admin.add(entry);
                }
            }
        }
    }

    private static void requireSlapd() {
        if (SlapdServer.installed()) {
            return;
        }
        String message = "OpenLDAP slapd is not installed (" + SlapdServer.SLAPD + ", " + SlapdServer.SCHEMAS
            + "); install the Debian package 'slapd' to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void mailToARecipientWhoseCertificateTheCliPublishedIsEncryptedForThatCertificate() throws Exception {
        String body = "Published, then used.\r\n";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), ("From: " + ALICE + "\r\nTo: " + CAROL
            + "\r\nSubject: via published certificate\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));

        RepositoryMail relayed = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing()
            .stream().filter(m -> m.recipients().contains(CAROL)).toList(), l -> !l.isEmpty()).get(0);

        String text = new String(relayed.message(), StandardCharsets.ISO_8859_1);
        assertThat(text.substring(0, text.indexOf("\r\n\r\n"))).contains("enveloped-data");
        assertThat(relayed.trace()).anySatisfy(line -> assertThat(line)
            .contains("RecipientHasEncryptionCertificate=keystore=default " + CAROL + ": matched")
            .contains("serial " + carolsSerial));
        Path carolsKey = carolsKeyAsPem();
        Path message = Files.write(root.resolve("relayed.eml"), relayed.message());
        ExternalTool.Result decrypted = ExternalTool.require("openssl", "openssl").run("cms", "-decrypt", "-in",
            message.toString(), "-inkey", carolsKey.toString()).assertSuccess();
        assertThat(decrypted.stdoutText()).contains("multipart/signed").contains("Published, then used.");
    }

    /** Carol's key from the PKCS#12 the CLI wrote, with the password its file channel recorded. */
    private static Path carolsKeyAsPem() throws IOException {
        String password = Files.readAllLines(pfx.resolve("passwords.tsv")).stream()
            .filter(line -> line.startsWith(CAROL + "\t")).map(line -> line.substring(line.lastIndexOf('\t') + 1))
            .findFirst().orElseThrow();
        Path p12;
        try (Stream<Path> files = Files.list(pfx)) {
            p12 = files.filter(p -> p.getFileName().toString().endsWith(".p12")
                || p.getFileName().toString().endsWith(".pfx")).findFirst().orElseThrow();
        }
        Path pem = root.resolve("carol-key.pem");
        ExternalTool.require("openssl", "openssl").run("pkcs12", "-in", p12.toString(), "-nocerts", "-nodes",
            "-passin", "pass:" + password, "-out", pem.toString()).assertSuccess();
        return pem;
    }

    private static ExternalTool.Result admin(String command, String... arguments) {
        List<String> full = new ArrayList<>(List.of("-jar", adminJar().toString(), command, "--store", store.toString(),
            "--ca-dir", caDir.toString(), "--ca-password-file", caPassword.toString()));
        if (command.equals("publish-certificate")) {
            full.removeAll(List.of("--ca-dir", caDir.toString(), "--ca-password-file", caPassword.toString()));
        }
        full.addAll(List.of(arguments));
        return ExternalTool.require("java", "openjdk-17-jre-headless").run(full.toArray(String[]::new)).assertSuccess();
    }

    private static Path adminJar() {
        Path target = ProjectPaths.projectRoot().resolve("admin-cli/target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().matches("smime-gateway-admin-cli-.*-cli\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no runnable admin jar in " + target + ": build admin-cli"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build admin-cli first", e);
        }
    }
}
