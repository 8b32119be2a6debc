package org.smimegateway.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.admin.testing.ExternalTool;

/**
 * Each way the command line used to fail unsafely (issue 14): it is refused, or safe, now. Every test gets its own
 * EC CA, so store and CRL state before and after can be compared exactly.
 */
class CliSafetyTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");

    @TempDir
    Path work;

    private Path store;
    private Path caPassword;
    private Path pfxPassword;
    private Path passwords;

    @BeforeEach
    void createCa() throws IOException {
        store = work.resolve("store");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        pfxPassword = Files.writeString(work.resolve("pfx-password"), "pfx secret 123\n");
        passwords = work.resolve("passwords.tsv");
        Cli.Run run = Cli.run("init-ca", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--key-algorithm", "EC_P256", "--root-cn", "Safety Root", "--intermediate-cn", "Safety Issuing CA");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void externalCertificateIsNotFiledWhenTheSmtpServerDoesNotTakeThePkcs12Mail() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path out = work.resolve("pfx");
        Cli.Run run = issue("--address", "bob@partner.test", "--external", "--out-dir", out.toString(),
            "--mail", "--mail-from", "pki@gateway.test", "--smtp-host", "127.0.0.1",
            "--smtp-port", Integer.toString(closedPort), "--smtp-timeout-seconds", "5",
            "--password-channel", "FILE", "--password-out", passwords.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED bob@partner.test", "MAIL FAILED", "NOT FILED");
        assertThat(certificateFiles("bob@partner.test")).as("nothing the gateway would encrypt to").isEmpty();
        assertThat(out).isEmptyDirectory();
        assertThat(passwords).as("no password for a file that never left").doesNotExist();
        Cli.Run listed = Cli.run("list", "--store", store.toString());
        assertThat(listed.out()).doesNotContain("bob@partner.test");
    }

    @Test
    void externalCertificateIsFiledOnceItsPasswordWasDelivered() throws IOException {
        Cli.Run run = issue("--address", "bob@partner.test", "--external", "--out-dir", work.resolve("pfx").toString(),
            "--password-channel", "FILE", "--password-out", passwords.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(certificateFiles("bob@partner.test")).hasSize(1);
    }

    @Test
    void revokingASerialThisCaNeverIssuedIsRefusedAndLeavesTheCrlAlone() throws IOException {
        String serial = serial(issue("--address", "alice@gateway.test"));
        byte[] crlBefore = crlBytes();

        Cli.Run run = revoke("--serial", "0badc0ffee");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("serial badc0ffee was not issued by this CA", "CRL unchanged");
        assertThat(crlBytes()).isEqualTo(crlBefore);
        assertThat(store.resolve("ca/revocations.csv")).doesNotExist();
        assertThat(revoke("--serial", serial.toUpperCase(java.util.Locale.ROOT)).exitCode())
            .as("a serial it did issue, typed in upper case").isZero();
    }

    @Test
    void revokingSeveralCertificatesOfAnAddressNeedsYesAndDryRunOnlyLists() throws IOException {
        String first = serial(issue("--address", "carol@gateway.test"));
        String second = serial(issue("--address", "carol@gateway.test"));
        byte[] crlBefore = crlBytes();

        Cli.Run refused = revoke("--address", "carol@gateway.test");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("serial " + first, "serial " + second);
        assertThat(refused.err()).contains("2 certificates match; nothing revoked", "--yes");
        assertThat(crlBytes()).isEqualTo(crlBefore);

        Cli.Run dryRun = revoke("--address", "carol@gateway.test", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would revoke serial " + first, "would revoke serial " + second,
            "dry run: nothing revoked, CRL unchanged");
        assertThat(crlBytes()).isEqualTo(crlBefore);
        assertThat(store.resolve("ca/revocations.csv")).doesNotExist();

        Cli.Run confirmed = revoke("--address", "carol@gateway.test", "--yes", "--reason", "key_compromise");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(crlBytes()).isNotEqualTo(crlBefore);
        assertThat(Files.readString(store.resolve("ca/revocations.csv")))
            .contains(first + ",", second + ",", "KEY_COMPROMISE");
    }

    @Test
    void bulkIssueReadsQuotedCsvFromStandardInput() throws IOException {
        String csv = "address,kind,name,phone\n"
            + "# staff\n"
            + "doe@gateway.test,internal,\"Doe, John\"\n"
            + "\"roe@gateway.test\" , INTERNAL , \"Say \"\"hi\"\"\"\n";
        Cli.Run run = withStandardInput(csv.getBytes(StandardCharsets.UTF_8),
            () -> issue("--csv", "-", "--out-dir", work.resolve("pfx").toString()));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("bulk-issue: 2 issued, 0 failed, 2 rows");
        assertThat(inspect(certificateFiles("doe@gateway.test").get(0))).contains("subject:     CN=Doe\\, John");
        assertThat(inspect(certificateFiles("roe@gateway.test").get(0))).contains("subject:     CN=Say \\\"hi\\\"");
    }

    @Test
    void exportWritesToStandardOutputWithDash() {
        Cli.Run run = Cli.run("export", "--store", store.toString(), "--type", "chain", "--out", "-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("exported");
        assertThat(run.err()).contains("exported chain to standard input/output");
    }

    @Test
    void enumValuesAreAcceptedInAnyCase() {
        assertThat(Cli.run("list", "--store", store.toString(), "anchors").out()).contains("CN=Safety Root");
        assertThat(Cli.run("list", "--store", store.toString(), "Anchors").exitCode()).isZero();
    }

    @Test
    void missingCaHintNamesTheRealCommand() throws IOException {
        Cli.Run run = Cli.run("crl", "--store", work.resolve("empty").toString(), "--ca-password-file",
            caPassword.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("create one with 'init-ca'").doesNotContain("ca init");
    }

    @Test
    void versionComesFromTheBuild() throws IOException {
        Matcher pom = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();

        Cli.Run run = Cli.run("-V");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("smime-gateway admin " + pom.group(1));
    }

    @Test
    void importedCertificateIsShownWithAReadableSubject() throws IOException {
        Path key = work.resolve("k.pem");
        Path cert = work.resolve("c.pem");
        ExternalTool.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj",
            "/CN=Partner Mail/emailAddress=info@partner.test/serialNumber=42",
            // An end-entity certificate: req -x509 makes a CA by default, which the gateway only uses for paths.
            "-addext", "subjectAltName=email:info@partner.test", "-addext", "basicConstraints=critical,CA:FALSE")
            .requireSuccess();

        Cli.Run run = Cli.run("import", "--store", store.toString(), "--type", "certificate", cert.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("EMAILADDRESS=info@partner.test", "SERIALNUMBER=42", "CN=Partner Mail")
            .doesNotContain("1.2.840.113549.1.9.1").doesNotContain("=#");
    }

    @Test
    void importTakesAPkcs12KeyWithItsPasswordFromStandardInputAndRefusesAWrongOne() throws IOException {
        Path out = work.resolve("pfx");
        assertThat(issue("--address", "dave@partner.test", "--external", "--out-dir", out.toString(),
            "--pfx-password-file", pfxPassword.toString(), "--password-channel", "FILE", "--password-out",
            passwords.toString()).exitCode()).isZero();
        Path pkcs12 = onlyFile(out);
        Path other = work.resolve("other-store");

        Cli.Run wrong = withStandardInput("not it\n".getBytes(StandardCharsets.UTF_8), () -> Cli.run("import",
            "--store", other.toString(), "--type", "pkcs12", "--pfx-password-file", "-", pkcs12.toString()));
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("cannot open the PKCS#12 file");
        assertThat(other.resolve("keys")).doesNotExist();

        Cli.Run imported = withStandardInput(Files.readAllBytes(pfxPassword), () -> Cli.run("import",
            "--store", other.toString(), "--type", "PKCS12", "--pfx-password-file", "-", pkcs12.toString()));
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported key of dave@partner.test", "CN=dave@partner.test");
        assertThat(Cli.run("list", "--store", other.toString()).out()).contains("dave@partner.test");
        try (var keys = Files.list(other.resolve("keys"))) {
            assertThat(keys.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("dave@partner.test-")
                && n.endsWith(".p12"));
        }
    }

    @Test
    void legacyPkcs12ImportsIntoGnupgGpgsm() throws Exception {
        ExternalTool.require("gpgsm");
        Path out = work.resolve("pfx");
        // RSA: what the old clients this option exists for hold (gpgsm 2.2.40 crashes importing an EC key from PKCS#12, OpenSSL-made ones too).
        assertThat(issue("--address", "old@partner.test", "--external", "--legacy-3des", "--key-algorithm",
            "RSA_2048", "--out-dir",
            out.toString(), "--pfx-password-file", pfxPassword.toString(), "--password-channel", "FILE",
            "--password-out", passwords.toString()).exitCode()).isZero();
        Path home = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String env = "GNUPGHOME='" + home + "' ";
        try {
            ExternalTool.Result imported = ExternalTool.run("sh", "-c", env + "gpgsm --batch --pinentry-mode loopback"
                + " --passphrase-fd 0 --import '" + onlyFile(out) + "' < '" + pfxPassword + "'").requireSuccess();
            assertThat(imported.stderr()).contains("secret keys imported: 1");
            assertThat(ExternalTool.run("sh", "-c", env + "gpgsm --list-secret-keys").requireSuccess().stdout())
                .contains("old@partner.test");
        } finally {
            ExternalTool.run("sh", "-c", env + "gpgconf --kill gpg-agent");
        }
    }

    @Test
    void logLinesAppearOnlyWithVerbose() throws Exception {
        Process quiet = main("list", "--store", store.toString());
        assertThat(quiet.exitValue()).isZero();
        assertThat(read(quiet.getErrorStream())).isEmpty();

        Process verbose = main("issue", "--verbose", "--store", store.toString(), "--ca-password-file",
            caPassword.toString(), "--address", "eve@gateway.test", "--key-algorithm", "EC_P256");
        String out = read(verbose.getInputStream());
        String err = read(verbose.getErrorStream());
        assertThat(verbose.exitValue()).as(out + err).isZero();
        assertThat(out).contains("issued eve@gateway.test");
        assertThat(err).contains("INFO", "issued serial");

        Process plain = main("issue", "--store", store.toString(), "--ca-password-file", caPassword.toString(),
            "--address", "eve@gateway.test", "--key-algorithm", "EC_P256");
        String plainOut = read(plain.getInputStream());
        assertThat(plain.exitValue()).isZero();
        assertThat(plainOut).contains("issued eve@gateway.test");
        assertThat(read(plain.getErrorStream())).as("each event once, on stdout").isEmpty();
    }

    private Process main(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
            new java.io.File("/dev/null"))).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private Cli.Run issue(String... args) {
        List<String> full = new ArrayList<>(List.of(List.of(args).contains("--csv") ? "bulk-issue" : "issue",
            "--store", store.toString(), "--ca-password-file", caPassword.toString()));
        if (!List.of(args).contains("--key-algorithm")) {
            full.addAll(List.of("--key-algorithm", "EC_P256")); // cheap keys unless the test needs another
        }
        full.addAll(List.of(args));
        return Cli.run(full.toArray(String[]::new));
    }

    private String inspect(Path file) {
        Cli.Run run = Cli.run("inspect", "--store", store.toString(), "--file", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out();
    }

    private Cli.Run revoke(String... args) {
        List<String> full = new ArrayList<>(List.of("revoke", "--store", store.toString(), "--ca-password-file",
            caPassword.toString()));
        full.addAll(List.of(args));
        return Cli.run(full.toArray(String[]::new));
    }

    private static Cli.Run withStandardInput(byte[] input, java.util.function.Supplier<Cli.Run> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }

    private byte[] crlBytes() throws IOException {
        try (var files = Files.list(store.resolve("crls"))) {
            List<Path> crls = files.sorted().toList();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Path crl : crls) {
                all.write(Files.readAllBytes(crl));
            }
            return all.toByteArray();
        }
    }

    private List<Path> certificateFiles(String address) throws IOException {
        Path certs = store.resolve("certs");
        if (!Files.exists(certs)) {
            return List.of();
        }
        try (var files = Files.list(certs)) {
            return files.filter(p -> p.getFileName().toString().startsWith(address)).toList();
        }
    }

    private static Path onlyFile(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static String serial(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Matcher matcher = SERIAL.matcher(run.out());
        assertThat(matcher.find()).as(run.toString()).isTrue();
        return matcher.group(1);
    }
}
