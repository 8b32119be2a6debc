package org.smimegateway.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.admin.testing.ExternalTool;

/**
 * CLI paths beyond the default RSA 2048 CA: the other CA key types (checked with {@code openssl verify}), keeping an
 * external user's key, importing a foreign intermediate and CRL, and inspecting a CRL. Each test has its own CA.
 */
class CaVariantsAndStoreCommandsTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");

    @TempDir
    Path work;

    @Test
    void rsa3072CaIssuesACertificateOpensslVerifies() throws IOException {
        Ca ca = new Ca(work.resolve("rsa3072"), "RSA_3072");

        Path certificate = ca.issueAndExport("alice@gateway.test", "RSA_2048");

        ca.opensslVerify(certificate);
        assertThat(text(ca.caDir.resolve("intermediate.pem"))).contains("Public-Key: (3072 bit)",
            "sha256WithRSAEncryption");
        assertThat(text(certificate)).contains("Signature Algorithm: sha256WithRSAEncryption",
            "Digital Signature, Key Encipherment");
    }

    @Test
    void ecP384CaSignsCertificatesAndCrlsWithSha384() throws IOException {
        Ca ca = new Ca(work.resolve("p384"), "EC_P384");

        Path certificate = ca.issueAndExport("bob@gateway.test", "EC_P256");

        ca.opensslVerify(certificate);
        assertThat(text(ca.caDir.resolve("intermediate.pem"))).contains("NIST CURVE: P-384", "ecdsa-with-SHA384");
        assertThat(text(certificate)).contains("Signature Algorithm: ecdsa-with-SHA384",
            "Digital Signature, Key Agreement");
        Path crl = ca.publish.resolve("intermediate.crl");
        assertThat(ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
            .requireSuccess().stdout()).contains("ecdsa-with-SHA384");
    }

    @Test
    void externalUserWithKeepKeyGetsAPfxAndAKeptKey() throws IOException {
        Ca ca = new Ca(work.resolve("keep"), "EC_P256");
        Path out = work.resolve("pfx");

        String serial = serial(ca.run("issue", "--address", "carol@partner.test", "--external", "--keep-key",
            "--key-algorithm", "EC_P256", "--out-dir", out.toString(), "--password-channel", "file",
            "--password-out", work.resolve("passwords.tsv").toString()));

        try (Stream<Path> pfx = Files.list(out)) {
            assertThat(pfx.map(p -> p.getFileName().toString())).singleElement()
                .satisfies(name -> assertThat(name).endsWith(".p12"));
        }
        assertThat(ca.store.resolve("keys/carol@partner.test-" + serial + ".p12")).isNotEmptyFile();
        assertThat(Cli.run("list", "--store", ca.store.toString()).out())
            .containsPattern("carol@partner.test.*" + serial + ".*key");
    }

    @Test
    void foreignIntermediateAndCrlAreImportedAndTheCrlIsInspected() throws IOException {
        Ca ours = new Ca(work.resolve("ours"), "EC_P256");
        Ca foreign = new Ca(work.resolve("foreign"), "EC_P256", "--root-cn", "Foreign Root",
            "--intermediate-cn", "Foreign Issuing CA");
        String revoked = serial(foreign.run("issue", "--address", "mallory@foreign.test", "--key-algorithm",
            "EC_P256"));
        foreign.run("revoke", "--serial", revoked, "--reason", "KEY_COMPROMISE", "--publish-dir",
            foreign.publish.toString());
        Path foreignCrl = foreign.publish.resolve("intermediate.crl");

        Cli.Run intermediate = Cli.run("import", "--store", ours.store.toString(), "--type", "INTERMEDIATE",
            foreign.caDir.resolve("intermediate.pem").toString());
        Cli.Run crl = Cli.run("import", "--store", ours.store.toString(), "--type", "CRL", foreignCrl.toString());

        assertThat(intermediate.exitCode()).as(intermediate.toString()).isZero();
        assertThat(crl.exitCode()).as(crl.toString()).isZero();
        assertThat(Cli.run("list", "--store", ours.store.toString(), "INTERMEDIATES").out())
            .contains("CN=Foreign Issuing CA", "CN=Test Issuing CA");
        assertThat(Cli.run("list", "--store", ours.store.toString(), "CRLS").out())
            .contains("CN=Foreign Issuing CA", "CN=Test Issuing CA");
        assertThat(storedCrlBytes(ours.store)).anySatisfy(bytes ->
            assertThat(bytes).isEqualTo(Files.readAllBytes(foreignCrl)));

        Cli.Run inspected = Cli.run("inspect", "--store", ours.store.toString(), "--file", foreignCrl.toString());
        assertThat(inspected.exitCode()).as(inspected.toString()).isZero();
        assertThat(inspected.out()).contains("issuer:      CN=Foreign Issuing CA", "revoked:     1",
            "  " + revoked + " ", "KEY_COMPROMISE", "SHA256withECDSA");
    }

    private static List<byte[]> storedCrlBytes(Path store) throws IOException {
        List<byte[]> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(store.resolve("crls"))) {
            for (Path file : files.toList()) {
                all.add(Files.readAllBytes(file));
            }
        }
        return all;
    }

    private static String text(Path certificate) {
        return ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-text")
            .requireSuccess().stdout();
    }

    private static String serial(Cli.Run run) {
        Matcher matcher = SERIAL.matcher(run.out());
        assertThat(matcher.find()).as(run.toString()).isTrue();
        return matcher.group(1);
    }

    /** A CA created by the CLI in its own store, CA folder and publish directory. */
    private static final class Ca {
        final Path store;
        final Path caDir;
        final Path publish;
        final Path password;

        Ca(Path base, String keyAlgorithm, String... more) throws IOException {
            Files.createDirectories(base);
            store = base.resolve("store");
            caDir = base.resolve("ca");
            publish = base.resolve("publish");
            password = Files.writeString(base.resolve("ca-password"), "ca secret\n");
            List<String> args = new ArrayList<>(List.of("--key-algorithm", keyAlgorithm, "--publish-dir",
                publish.toString()));
            if (more.length == 0) {
                args.addAll(List.of("--root-cn", "Test Root CA", "--intermediate-cn", "Test Issuing CA"));
            }
            args.addAll(List.of(more));
            run("init-ca", args.toArray(String[]::new));
        }

        Cli.Run run(String command, String... args) {
            List<String> full = new ArrayList<>(List.of(command, "--store", store.toString(), "--ca-dir",
                caDir.toString(), "--ca-password-file", password.toString()));
            full.addAll(List.of(args));
            Cli.Run run = Cli.run(full.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isZero();
            return run;
        }

        Path issueAndExport(String address, String keyAlgorithm) throws IOException {
            String serial = serial(run("issue", "--address", address, "--key-algorithm", keyAlgorithm));
            Path certificate = caDir.getParent().resolve(address + ".pem");
            Cli.Run export = Cli.run("export", "--store", store.toString(), "--ca-dir", caDir.toString(), "--type",
                "CERTIFICATE", "--serial", serial, "--out", certificate.toString());
            assertThat(export.exitCode()).as(export.toString()).isZero();
            return certificate;
        }

        void opensslVerify(Path certificate) {
            ExternalTool.run("openssl", "verify", "-CAfile", caDir.resolve("root.pem").toString(), "-untrusted",
                caDir.resolve("intermediate.pem").toString(), "-purpose", "smimesign", certificate.toString())
                .requireSuccess();
        }
    }
}
