package org.smimegateway.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.admin.testing.ExternalTool;
import org.smimegateway.admin.testing.SmtpSink;

/**
 * The admin command line end to end, checked with the real tools. One CA (RSA 2048, created by the CLI) is shared;
 * tests that do not look at RSA key usages issue EC keys to keep key generation cheap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");

    @TempDir
    static Path work;

    private Path store;
    private Path publish;
    private Path caPassword;
    private Path keyPassword;

    @BeforeAll
    void createCa() throws IOException {
        store = work.resolve("store");
        publish = work.resolve("publish");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        keyPassword = Files.writeString(work.resolve("key-password"), "key secret\n");
        Cli.Run run = Cli.run("init-ca", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--root-cn", "Test Root CA", "--intermediate-cn", "Test Issuing CA", "--organization", "Gateway Test",
            "--crl-base-url", "http://pki.gateway.test/", "--aia-base-url", "http://pki.gateway.test/",
            "--publish-dir", publish.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Files.write(work.resolve("chain.pem"), Files.readAllBytes(store.resolve("ca/intermediate.pem")));
    }

    @Test
    void caCertificatesHaveDistinctNamesAndTheirKeysAreEncrypted() throws IOException {
        String rootKey = Files.readString(store.resolve("ca/root-key.pem"));
        assertThat(rootKey).contains("BEGIN ENCRYPTED PRIVATE KEY");
        ExternalTool.Result intermediate = ExternalTool.run("openssl", "x509", "-in",
            store.resolve("ca/intermediate.pem").toString(), "-noout", "-text").requireSuccess();
        assertThat(intermediate.stdout()).contains("Issuer: O = Gateway Test, CN = Test Root CA",
            "Subject: O = Gateway Test, CN = Test Issuing CA", "CA:TRUE, pathlen:0", "sha256WithRSAEncryption",
            "URI:http://pki.gateway.test/root.crl", "CA Issuers - URI:http://pki.gateway.test/root.crt");
        ExternalTool.run("openssl", "pkey", "-in", store.resolve("ca/intermediate-key.pem").toString(),
            "-passin", "pass:ca secret", "-noout").requireSuccess();
        assertThat(Files.exists(publish.resolve("root.crl"))).isTrue();
        assertThat(Files.exists(publish.resolve("intermediate.crt"))).isTrue();
    }

    @Test
    void issuedCertificateVerifiesWithOpensslAndCarriesTheSmimeProfile() throws IOException {
        Cli.Run run = issue("--address", "Alice@Gateway.Test", "--name", "Alice Example");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path certificate = work.resolve("alice.pem");
        assertThat(Cli.run("export", "--store", store.toString(), "--type", "CERTIFICATE", "--serial", serial(run),
            "--out", certificate.toString()).exitCode()).isZero();

        ExternalTool.run("openssl", "verify", "-CAfile", store.resolve("ca/root.pem").toString(), "-untrusted",
            store.resolve("ca/intermediate.pem").toString(), "-purpose", "smimesign", certificate.toString())
            .requireSuccess();
        String text = ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-text")
            .requireSuccess().stdout();
        assertThat(text).contains("Digital Signature, Key Encipherment", "E-mail Protection",
            "email:alice@gateway.test", "CN = Alice Example", "URI:http://pki.gateway.test/intermediate.crl",
            "Public-Key: (2048 bit)", "sha256WithRSAEncryption");
        assertThat(keyFiles("alice@gateway.test")).containsExactly("alice@gateway.test-" + serial(run) + ".p12");
    }

    @Test
    void externalPfxOpensWithOpensslAndPk12utilUsingTheGeneratedPassword() throws IOException {
        Path passwords = work.resolve("pfx-passwords.tsv");
        Path out = work.resolve("pfx-out");
        Cli.Run run = issue("--address", "carol@partner.test", "--external", "--key-algorithm", "EC_P256",
            "--out-dir", out.toString(), "--password-channel", "FILE", "--password-out", passwords.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String password = Files.readAllLines(passwords).get(0).split("\t")[2];
        assertThat(password).hasSize(24).doesNotContain(" ");
        assertThat(run.out()).doesNotContain(password);
        Path pfx = Files.list(out).findFirst().orElseThrow();
        assertThat(keyFiles("carol@partner.test")).isEmpty();

        String info = ExternalTool.run("openssl", "pkcs12", "-in", pfx.toString(), "-info", "-nodes",
            "-passin", "pass:" + password).requireSuccess().stderr();
        assertThat(info).contains("PBES2", "AES-256-CBC", "hmacWithSHA256", "MAC: sha256");
        String certificates = ExternalTool.run("openssl", "pkcs12", "-in", pfx.toString(), "-nokeys",
            "-passin", "pass:" + password).requireSuccess().stdout();
        assertThat(certificates).contains("subject=O = Gateway Test, CN = carol@partner.test",
            "subject=O = Gateway Test, CN = Test Issuing CA", "subject=O = Gateway Test, CN = Test Root CA");

        Path nssDb = Files.createDirectories(work.resolve("nssdb"));
        ExternalTool.run("certutil", "-N", "-d", "sql:" + nssDb, "--empty-password").requireSuccess();
        ExternalTool.run("pk12util", "-i", pfx.toString(), "-d", "sql:" + nssDb, "-W", password, "-K", "")
            .requireSuccess();
        assertThat(ExternalTool.run("certutil", "-L", "-d", "sql:" + nssDb).requireSuccess().stdout())
            .contains("carol@partner.test");
    }

    @Test
    void legacyOptionWritesTripleDesPfxForOldClients() throws IOException {
        Path passwords = work.resolve("legacy-passwords.tsv");
        Path out = work.resolve("legacy-out");
        Cli.Run run = issue("--address", "old@partner.test", "--external", "--legacy-3des", "--key-algorithm",
            "EC_P256", "--out-dir", out.toString(), "--password-channel", "FILE", "--password-out",
            passwords.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String password = Files.readAllLines(passwords).get(0).split("\t")[2];
        String info = ExternalTool.run("openssl", "pkcs12", "-in", Files.list(out).findFirst().orElseThrow()
            .toString(), "-info", "-nokeys", "-passin", "pass:" + password).requireSuccess().stderr();
        assertThat(info).contains("pbeWithSHA1And3-KeyTripleDES-CBC", "MAC: sha1");
    }

    @Test
    void revokedCertificateIsInTheCrlAndFailsOpensslCrlCheck() throws IOException {
        Cli.Run issued = issue("--address", "dave@gateway.test", "--key-algorithm", "EC_P256");
        String serial = serial(issued);
        Path certificate = work.resolve("dave.pem");
        Cli.run("export", "--store", store.toString(), "--type", "CERTIFICATE", "--serial", serial, "--out",
            certificate.toString());
        Path chain = work.resolve("ca-chain.pem");
        Cli.run("export", "--store", store.toString(), "--type", "CHAIN", "--out", chain.toString());

        Cli.Run revoked = Cli.run("revoke", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--serial", serial, "--reason", "KEY_COMPROMISE", "--crl-days", "3", "--publish-dir", publish.toString());
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();

        Path crl = publish.resolve("intermediate.crl");
        String text = ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
            .requireSuccess().stdout();
        assertThat(text.toUpperCase()).contains(serial.toUpperCase());
        assertThat(text).contains("Key Compromise", "sha256WithRSAEncryption", "X509v3 CRL Number");
        Path crlPem = work.resolve("crls.pem");
        assertThat(Cli.run("export", "--store", store.toString(), "--type", "CRLS", "--out", crlPem.toString())
            .exitCode()).isZero();

        ExternalTool.Result verify = ExternalTool.run("openssl", "verify", "-crl_check_all", "-CAfile",
            chain.toString(), "-CRLfile", crlPem.toString(), certificate.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isNotZero();
        assertThat(verify.stdout() + verify.stderr()).contains("certificate revoked");
        assertThat(Cli.run("list", "--store", store.toString()).out()).containsPattern(serial + ".*REVOKED");
    }

    @Test
    void mailedPfxIsSignedCarriesNoPasswordAndTheSmsGatewayGetsExactlyThePassword() throws Exception {
        List<String> smsQueries = new CopyOnWriteArrayList<>();
        HttpServer sms = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sms.createContext("/send", exchange -> {
            smsQueries.add(exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        sms.start();
        try (SmtpSink smtp = new SmtpSink()) {
            Cli.Run run = issue("--address", "erin@partner.test", "--external", "--key-algorithm", "EC_P256",
                "--phone", "+4915100000", "--out-dir", work.resolve("mail-out").toString(),
                "--mail", "--mail-from", "pki@gateway.test", "--smtp-host", "127.0.0.1",
                "--smtp-port", Integer.toString(smtp.port()),
                "--password-channel", "HTTP", "--sms-url",
                "http://127.0.0.1:" + sms.getAddress().getPort() + "/send?to={phone}&pw={password}");
            assertThat(run.exitCode()).as(run.toString()).isZero();

            assertThat(smsQueries).hasSize(1);
            String query = smsQueries.get(0);
            assertThat(query).startsWith("to=%2B4915100000&pw=");
            String password = URLDecoder.decode(query.substring(query.indexOf("pw=") + 3), StandardCharsets.UTF_8);

            assertThat(smtp.received()).hasSize(1);
            SmtpSink.Received mail = smtp.received().get(0);
            assertThat(mail.recipients()).containsExactly("<erin@partner.test>");
            assertThat(mail.content()).doesNotContain(password).doesNotContain(password.replace("-", ""))
                .contains("multipart/signed", "application/pkcs7-signature");

            Path eml = Files.writeString(work.resolve("pfx-mail.eml"), mail.content());
            Path root = store.resolve("ca/root.pem");
            ExternalTool.run("openssl", "smime", "-verify", "-in", eml.toString(), "-CAfile", root.toString(),
                "-purpose", "smimesign", "-out", "/dev/null").requireSuccess();

            byte[] pfx = attachment(mail.content());
            Path pfxFile = Files.write(work.resolve("from-mail.p12"), pfx);
            ExternalTool.run("openssl", "pkcs12", "-in", pfxFile.toString(), "-nokeys", "-passin",
                "pass:" + password).requireSuccess();
            assertThat(keyFiles("pki@gateway.test")).as("sender identity kept").hasSize(1);
        } finally {
            sms.stop(0);
        }
    }

    @Test
    void bulkIssueReportsProgressAndASummaryAndContinuesPastBadRows() throws IOException {
        Path csv = Files.writeString(work.resolve("users.csv"), """
            address,kind,name,phone
            frank@gateway.test,internal,Frank
            not-an-address,internal
            grace@partner.test,external,Grace,+4900
            """);
        Cli.Run run = issue("--csv", csv.toString(), "--key-algorithm", "EC_P256", "--out-dir",
            work.resolve("bulk-out").toString(), "--password-channel", "FILE", "--password-out",
            work.resolve("bulk-passwords.tsv").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("[######--------------] 1/3 ok frank@gateway.test",
            "2/3 FAILED not-an-address", "[####################] 3/3 ok grace@partner.test",
            "bulk-issue: 2 issued, 1 failed, 3 rows");
    }

    @Test
    void importedAnchorAndListingAndInspectionShowWhatTheStoreHolds() throws IOException {
        Path foreignStore = work.resolve("foreign");
        Path foreignPassword = Files.writeString(work.resolve("foreign-password"), "x\n");
        assertThat(Cli.run("init-ca", "--store", foreignStore.toString(), "--ca-password-file",
            foreignPassword.toString(), "--key-algorithm", "EC_P256", "--root-cn", "Foreign Root").exitCode())
            .isZero();
        Cli.Run imported = Cli.run("import", "--store", store.toString(), "--type", "ANCHOR",
            foreignStore.resolve("ca/root.pem").toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(Cli.run("list", "--store", store.toString(), "ANCHORS").out())
            .contains("CN=Foreign Root", "CN=Test Root CA");
        assertThat(Cli.run("list", "--store", store.toString(), "CRLS").out()).contains("CN=Test Issuing CA");
        Cli.Run inspected = Cli.run("inspect", "--store", store.toString(), "--file",
            store.resolve("ca/intermediate.pem").toString());
        assertThat(inspected.out()).contains("keyCertSign, cRLSign", "CA:          true");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("init-ca", "issue", "bulk-issue", "revoke", "crl", "list", "inspect", "import",
            "export")) {
            Cli.Run run = Cli.run(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: smime-admin " + command);
        }
    }

    @Test
    void wrongCaPasswordFailsWithAMessageNotAStackTrace() throws IOException {
        Path wrong = Files.writeString(work.resolve("wrong"), "nope\n");
        Cli.Run run = Cli.run("crl", "--store", store.toString(), "--ca-password-file", wrong.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: wrong CA password").doesNotContain("at org.");
    }

    private Cli.Run issue(String... args) {
        String command = List.of(args).contains("--csv") ? "bulk-issue" : "issue";
        String[] full = new String[args.length + 7];
        full[0] = command;
        full[1] = "--store";
        full[2] = store.toString();
        full[3] = "--ca-password-file";
        full[4] = caPassword.toString();
        full[5] = "--key-password-file";
        full[6] = keyPassword.toString();
        System.arraycopy(args, 0, full, 7, args.length);
        return Cli.run(full);
    }

    /** Kept key files of an address in the gateway store's keys/ folder (password files excluded). */
    private List<String> keyFiles(String address) throws IOException {
        try (var files = Files.list(store.resolve("keys"))) {
            return files.map(p -> p.getFileName().toString())
                .filter(name -> name.startsWith(address + "-") && name.endsWith(".p12")).sorted().toList();
        }
    }

    private static String serial(Cli.Run run) {
        Matcher matcher = SERIAL.matcher(run.out());
        assertThat(matcher.find()).as(run.toString()).isTrue();
        return matcher.group(1);
    }

    private static byte[] attachment(String content) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)));
        Multipart signed = (Multipart) message.getContent();
        Multipart mixed = (Multipart) signed.getBodyPart(0).getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            Part part = mixed.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part.getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment in\n" + content);
    }
}
