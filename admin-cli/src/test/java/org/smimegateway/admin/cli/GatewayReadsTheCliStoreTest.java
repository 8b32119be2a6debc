package org.smimegateway.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.testing.Cli;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;

/**
 * What the CLI writes into {@code --store} is read by the gateway's own keystore provider over its file store, with
 * the sample keystore.xml's settings (no key password: {@code .pass} files), and a revocation is seen by the next
 * rescan. EC keys keep key generation cheap.
 */
class GatewayReadsTheCliStoreTest {

    private static final Pattern SERIAL = Pattern.compile("serial ([0-9a-f]+)");

    @TempDir
    Path work;

    private Path store;
    private Path caDir;
    private Path caPassword;

    @BeforeEach
    void createCa() throws IOException {
        store = work.resolve("store");
        caDir = work.resolve("ca");
        caPassword = Files.writeString(work.resolve("ca-password"), "ca secret\n");
        cli("init-ca", "--key-algorithm", "EC_P256");
    }

    @Test
    void gatewayFindsSigningIdentityAndEncryptionCertificateAndSeesTheRevocationAfterCrl() throws IOException {
        String alice = serial(cli("issue", "--address", "alice@gateway.test", "--key-algorithm", "EC_P256"));
        String carol = serial(cli("issue", "--address", "carol@remote.test", "--external", "--key-algorithm",
            "EC_P256", "--out-dir", work.resolve("pfx").toString(), "--password-channel", "FILE", "--password-out",
            work.resolve("passwords.tsv").toString()));

        try (FileCertificateStore files = FileCertificateStore.open(new FileStoreSettings(store, null, Duration.ZERO))) {
            StoreKeystoreProvider gateway = new StoreKeystoreProvider(files,
                new PathValidator(files.trust(), RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());

            assertThat(gateway.signingIdentity("alice@gateway.test")).isInstanceOfSatisfying(Lookup.Found.class,
                found -> assertThat(((SigningIdentity) found.value()).certificate().getSerialNumber().toString(16))
                    .isEqualTo(alice));
            EncryptionCertificates before = encryptionCertificates(gateway, "carol@remote.test");
            assertThat(before.usable()).singleElement()
                .satisfies(c -> assertThat(c.getSerialNumber().toString(16)).isEqualTo(carol));
            assertThat(gateway.signingIdentity("carol@remote.test")).as("external key not kept")
                .isNotInstanceOf(Lookup.Found.class);

            cli("revoke", "--address", "carol@remote.test", "--reason", "KEY_COMPROMISE");
            cli("crl");
            assertThat(files.rescan()).isTrue();

            EncryptionCertificates after = encryptionCertificates(gateway, "carol@remote.test");
            assertThat(after.usable()).isEmpty();
            assertThat(after.rejected()).singleElement().satisfies(rejection -> {
                assertThat(rejection.certificate().getSerialNumber().toString(16)).isEqualTo(carol);
                assertThat(rejection.reason()).containsIgnoringCase("revoked");
            });
            assertThat(encryptionCertificates(gateway, "alice@gateway.test").usable()).hasSize(1);
        }
    }

    @Test
    void caStateStaysOutOfTheStoreAndEveryStoreFileIsOneTheGatewayReads() throws IOException {
        cli("issue", "--address", "alice@gateway.test", "--key-algorithm", "EC_P256");

        assertThat(caDir.resolve("intermediate-key.pem")).exists();
        try (Stream<Path> all = Files.walk(store)) {
            List<String> relative = all.filter(Files::isRegularFile).map(p -> store.relativize(p).toString())
                .sorted().toList();
            assertThat(relative).allMatch(name -> name.matches(
                "(anchors|intermediates)/[0-9a-f]+\\.pem|crls/[0-9a-f]+\\.crl"
                    + "|certs/alice@gateway\\.test-[0-9a-f]+\\.pem|keys/alice@gateway\\.test-[0-9a-f]+\\.p12(\\.pass)?"),
                "only gateway store files");
            assertThat(relative).hasSize(7); // anchor, intermediate, two CRLs, certificate, key, password
        }
    }

    @Test
    void withTheGatewaysKeyPasswordKeptKeysHaveNoPassFileAndOpenUnderThatPassword() throws IOException {
        cli("issue", "--address", "alice@gateway.test", "--key-algorithm", "EC_P256", "--key-password", "shared");

        try (Stream<Path> keys = Files.list(store.resolve("keys"))) {
            assertThat(keys.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".pass"));
        }
        try (FileCertificateStore without = FileCertificateStore.open(new FileStoreSettings(store, null, Duration.ZERO));
             FileCertificateStore with = FileCertificateStore.open(
                 new FileStoreSettings(store, "shared".toCharArray(), Duration.ZERO))) {
            assertThat(without.keys("alice@gateway.test")).isEmpty();
            assertThat(with.keys("alice@gateway.test")).hasSize(1);
        }
    }

    @Test
    void keptKeyIsExportedAsPfxReadWithItsPassFile() throws IOException {
        cli("issue", "--address", "alice@gateway.test", "--key-algorithm", "EC_P256");
        Path pfx = work.resolve("alice.p12");

        Cli.Run exported = cli("export", "--type", "PFX", "--address", "alice@gateway.test", "--out", pfx.toString(),
            "--password-channel", "FILE", "--password-out", work.resolve("export-passwords.tsv").toString());

        assertThat(exported.out()).contains("exported pfx");
        assertThat(pfx).isNotEmptyFile();
    }

    @SuppressWarnings("unchecked")
    private static EncryptionCertificates encryptionCertificates(StoreKeystoreProvider gateway, String address) {
        Lookup<EncryptionCertificates> lookup = gateway.encryptionCertificates(address);
        assertThat(lookup).as(address).isInstanceOf(Lookup.Found.class);
        return ((Lookup.Found<EncryptionCertificates>) lookup).value();
    }

    /** Runs a command on this test's store, CA folder and CA password, and requires success. */
    private Cli.Run cli(String command, String... args) {
        String[] full = new String[args.length + 7];
        full[0] = command;
        full[1] = "--store";
        full[2] = store.toString();
        full[3] = "--ca-dir";
        full[4] = caDir.toString();
        full[5] = "--ca-password-file";
        full[6] = caPassword.toString();
        System.arraycopy(args, 0, full, 7, args.length);
        if (command.equals("export")) {
            // export needs no CA password.
            full = Stream.concat(Stream.of(full).limit(5), Stream.of(args)).toArray(String[]::new);
        }
        Cli.Run run = Cli.run(full);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private static String serial(Cli.Run run) {
        Matcher matcher = SERIAL.matcher(run.out());
        assertThat(matcher.find()).as(run.toString()).isTrue();
        return matcher.group(1);
    }
}
