package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.contract.SlapdServer;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;

/**
 * conf-samples/gateway with its LDAP variant in a real James 3.8.1: recipients' certificates come from a real
 * OpenLDAP slapd over TCP (started by the test, Debian package {@code slapd}); when the directory goes away, mail
 * that could have been encrypted is held, never sent in plaintext.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapGatewayIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String ERIN = "erin@allow.test";

    private static final String PEOPLE = "ou=people," + LdapServer.SUFFIX;

    private static SlapdServer directory;
    private static Path pkiDir;
    private static OpenSslPki.Identity carol;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway", "gateway-ldap")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(LdapGatewayIT::provision);

    private static void provision(Path root) throws Exception {
        pkiDir = Files.createDirectories(root.resolve("pki"));
        OpenSslPki pki = OpenSslPki.create(pkiDir, "Directory Test CA");
        OpenSslPki.Identity alice = pki.issue(ALICE);
        carol = pki.issue(CAROL);
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
        Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());

        requireSlapd();
        directory = SlapdServer.start(Files.createDirectories(root.resolve("slapd")));
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(carol.certificate()))
            .getEncoded();
        try (LDAPConnection admin = directory.connect()) {
            admin.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "people")));
            admin.add(new Entry("cn=Carol," + PEOPLE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("cn", "Carol"), new Attribute("sn", "Remote"), new Attribute("mail", CAROL),
                new Attribute("userCertificate;binary", der)));
        }

        Path keystore = root.resolve("conf/smime-gateway/keystore.xml");
        String sample = Files.readString(keystore);
        assertThat(sample).contains("127.0.0.1:10389", "<baseDn>ou=people,dc=gateway,dc=test</baseDn>");
        Files.writeString(keystore, sample.replace("127.0.0.1:10389", directory.address())
            .replace("<baseDn>ou=people,dc=gateway,dc=test</baseDn>", "<baseDn>" + PEOPLE + "</baseDn>"));

        // Held mail is retried 12 times, 5 minutes apart, before it waits in the held repository; here once, after
        // 1 s, so the repository shows it within the test (HeldMailRecoveryIT tests the retries themselves).
        Path mailets = root.resolve("conf/mailetcontainer.xml");
        String pipeline = Files.readString(mailets);
        assertThat(pipeline).contains("<delay>5minutes</delay>", "AtMost=smimegateway.held.attempts:12");
        Files.writeString(mailets, pipeline.replace("<delay>5minutes</delay>", "<delay>1seconds</delay>")
            .replace("AtMost=smimegateway.held.attempts:12", "AtMost=smimegateway.held.attempts:1"));
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

    private static byte[] mail(String to, String subject) {
        return ("From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nConfidential.\r\n").getBytes(StandardCharsets.US_ASCII);
    }


    @Test
    @Order(1)
    void recipientCertificateFromTheDirectoryEncryptsTheMail() throws Exception {
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), mail(CAROL, "via directory"));

        RepositoryMail relayed = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing()
            .stream().filter(m -> m.recipients().contains(CAROL)).toList(), l -> !l.isEmpty()).get(0);

        assertThat(headersOf(relayed.message())).contains("enveloped-data");
        assertThat(new OpenSslCms(pkiDir.resolve("a")).decrypt(relayed.message(), carol).assertSuccess().stdoutText())
            .contains("multipart/signed");
    }

    @Test
    @Order(2)
    void withTheDirectoryDownMailIsHeldNotSentInPlaintext() throws Exception {
        directory.stop();

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(ERIN), mail(ERIN, "while directory is down"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().repository("memory://var/mail/held/")
            .stream().anyMatch(m -> m.recipients().contains(ERIN)));
        assertThat(james.gateway().outgoing()).noneMatch(m -> m.recipients().contains(ERIN));
    }
}
