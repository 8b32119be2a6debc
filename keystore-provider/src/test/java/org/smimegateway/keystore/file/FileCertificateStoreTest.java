package org.smimegateway.keystore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

class FileCertificateStoreTest {
    private static final TestPki PKI = TestPki.create("Files");
    private static final char[] DEFAULT_PASSWORD = "default-pw".toCharArray();

    @TempDir
    Path root;
    private FileCertificateStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theFoldersOwnNotesDotfilesAndPasswordFilesAreNotKeystoreMaterial() {
        assertThat(FileCertificateStore.isStoreFile("README.md")).isFalse();
        assertThat(FileCertificateStore.isStoreFile("README")).isFalse();
        assertThat(FileCertificateStore.isStoreFile("readme.txt")).isFalse();
        assertThat(FileCertificateStore.isStoreFile(".hidden.pem")).isFalse();
        assertThat(FileCertificateStore.isStoreFile("alice.p12.pass")).isFalse();
        assertThat(FileCertificateStore.isStoreFile("alice.p12")).isTrue();
        assertThat(FileCertificateStore.isStoreFile("readers-ca.pem")).isTrue();
    }

    @Test
    void readsCertificatesInPemDerAndPkcs7() {
        TestIdentity pem = PKI.user("pem@example.com");
        TestIdentity der = PKI.user("der@example.com");
        TestIdentity p7b = PKI.user("p7b@example.com");
        PkiFiles.writePem(root.resolve("certs/pem.pem"), pem.certificate());
        PkiFiles.writeDer(root.resolve("certs/der.cer"), der.certificate());
        PkiFiles.writeP7b(root.resolve("certs/bundle.p7b"), p7b.certificate(), PKI.intermediateCertificate());

        store = open(Duration.ZERO);

        assertThat(store.certificates("pem@example.com")).isEqualTo(Lookup.found(List.of(pem.certificate())));
        assertThat(store.certificates("der@example.com")).isEqualTo(Lookup.found(List.of(der.certificate())));
        assertThat(store.certificates("p7b@example.com")).isEqualTo(Lookup.found(List.of(p7b.certificate())));
        assertThat(store.intermediates()).containsExactly(PKI.intermediateCertificate());
    }

    @Test
    void passwordFileTakesPrecedenceOverTheDefaultAndAWrongPasswordRejectsOnlyThatFile() throws Exception {
        TestIdentity own = PKI.user("own@example.com");
        TestIdentity fallback = PKI.user("fallback@example.com");
        TestIdentity wrong = PKI.user("wrong@example.com");
        PkiFiles.writePkcs12(root.resolve("keys/own.p12"), own, "file-pw".toCharArray());
        Files.writeString(root.resolve("keys/own.p12.pass"), "file-pw\n");
        PkiFiles.writePkcs12(root.resolve("keys/fallback.pfx"), fallback, DEFAULT_PASSWORD);
        PkiFiles.writePkcs12(root.resolve("keys/wrong.p12"), wrong, "something-else".toCharArray());

        store = open(Duration.ZERO);

        assertThat(store.keys("own@example.com")).hasSize(1);
        assertThat(store.keys("fallback@example.com")).hasSize(1);
        assertThat(store.keys("wrong@example.com")).isEmpty();
        assertThat(store.allKeys()).hasSize(2);
        assertThat(store.certificates("own@example.com")).isEqualTo(Lookup.found(List.of(own.certificate())));
    }

    @Test
    void readsPemKeyFilesPlainAndEncryptedAndRejectsAKeyThatIsNotTheCertificates() throws Exception {
        TestIdentity plain = PKI.user("plain@example.com");
        TestIdentity encrypted = PKI.user("encrypted@example.com");
        TestIdentity other = PKI.user("other@example.com");
        Path plainKey = PkiFiles.writePrivateKeyPem(root.resolve("plain.key"), plain);
        PkiFiles.write(root.resolve("keys/plain.pem"), (Files.readString(plainKey)
            + Files.readString(PkiFiles.writePem(root.resolve("plain.crt"), plain.certificate(),
                PKI.intermediateCertificate()))).getBytes(StandardCharsets.US_ASCII));
        PkiFiles.write(root.resolve("keys/encrypted.key"), (encryptedPem(encrypted, "key-pw".toCharArray())
            + Files.readString(PkiFiles.writePem(root.resolve("enc.crt"), encrypted.certificate())))
            .getBytes(StandardCharsets.US_ASCII));
        Files.writeString(root.resolve("keys/encrypted.pass"), "key-pw");
        PkiFiles.write(root.resolve("keys/mismatch.pem"), (Files.readString(plainKey)
            + Files.readString(PkiFiles.writePem(root.resolve("other.crt"), other.certificate())))
            .getBytes(StandardCharsets.US_ASCII));

        store = open(Duration.ZERO);

        assertThat(store.keys("plain@example.com")).singleElement().satisfies(key -> {
            assertThat(key.privateKey().getEncoded()).isEqualTo(plain.privateKey().getEncoded());
            assertThat(key.chain()).containsExactly(PKI.intermediateCertificate());
        });
        assertThat(store.keys("encrypted@example.com")).hasSize(1);
        assertThat(store.keys("other@example.com")).isEmpty();
    }

    @Test
    void rescanPicksUpNewChangedAndRemovedFiles() throws Exception {
        TestIdentity first = PKI.user("first@example.com");
        TestIdentity second = PKI.user("second@example.com");
        Path file = PkiFiles.writePem(root.resolve("certs/first.pem"), first.certificate());
        store = open(Duration.ZERO);
        long generation = store.generation();

        assertThat(store.rescan()).isFalse();
        PkiFiles.writePem(root.resolve("certs/second.pem"), second.certificate());
        assertThat(store.rescan()).isTrue();
        assertThat(store.certificates("second@example.com")).isInstanceOf(Lookup.Found.class);

        Files.delete(file);
        assertThat(store.rescan()).isTrue();
        assertThat(store.certificates("first@example.com")).isInstanceOf(Lookup.NotFound.class);
        assertThat(store.generation()).isGreaterThan(generation);
    }

    @Test
    void aNewPasswordFileMakesAPreviouslyRejectedKeyLoad() throws Exception {
        TestIdentity late = PKI.user("late@example.com");
        PkiFiles.writePkcs12(root.resolve("keys/late.p12"), late, "late-pw".toCharArray());
        store = open(Duration.ZERO);
        assertThat(store.keys("late@example.com")).isEmpty();

        Path pass = Files.writeString(root.resolve("keys/late.pass"), "late-pw");
        Files.setLastModifiedTime(pass, FileTime.from(Instant.now().plusSeconds(5)));
        store.rescan();

        assertThat(store.keys("late@example.com")).hasSize(1);
    }

    @Test
    void periodicRescanFindsFilesWithoutBeingAsked() throws Exception {
        store = open(Duration.ofMillis(50));
        TestIdentity dropped = PKI.user("dropped@example.com");

        PkiFiles.writePem(root.resolve("certs/dropped.pem"), dropped.certificate());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (store.certificates("dropped@example.com") instanceof Lookup.NotFound && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.certificates("dropped@example.com")).isInstanceOf(Lookup.Found.class);
    }

    @Test
    void aFileWrittenIntoTheStoreIsSeenAtOnceNotAtTheNextPeriodicRescan() throws Exception {
        store = open(Duration.ofHours(1));
        TestIdentity revoked = PKI.user("revoked@example.com");
        TestIdentity dropped = PKI.user("watched@example.com");

        // crls/ does not exist yet: folders created after the store opened are watched too.
        PkiFiles.writePem(root.resolve("certs/watched.pem"), dropped.certificate());
        PkiFiles.write(root.resolve("crls/new.crl"), PKI.crl(revoked.certificate().getSerialNumber()).getEncoded());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        X500Principal issuer = PKI.intermediateCertificate().getSubjectX500Principal();
        while ((store.certificates("watched@example.com") instanceof Lookup.NotFound
            || !(store.crls(issuer) instanceof Lookup.Found)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.certificates("watched@example.com")).isInstanceOf(Lookup.Found.class);
        assertThat(store.crls(issuer)).isInstanceOf(Lookup.Found.class);
    }

    @Test
    void rejectsFilesItCannotUseAndKeepsTheRest() throws Exception {
        TestIdentity good = PKI.user("good@example.com");
        TestIdentity anonymous = PKI.endEntity("x@example.com").subjectAltNames().issue();
        PkiFiles.writePem(root.resolve("certs/good.pem"), good.certificate());
        PkiFiles.writePem(root.resolve("certs/anonymous.pem"), anonymous.certificate());
        Files.writeString(root.resolve("certs/notes.txt"), "hello");
        Files.writeString(root.resolve("certs/garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        PkiFiles.write(root.resolve("crls/broken.crl"), "nope".getBytes(StandardCharsets.US_ASCII));

        store = open(Duration.ZERO);

        assertThat(store.certificates("good@example.com")).isInstanceOf(Lookup.Found.class);
        assertThat(store.certificates("x@example.com")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void domainFilesAreIndexedUnderTheDomainKey() {
        TestIdentity gateway = PKI.user("gateway@partner.example");
        PkiFiles.writePem(root.resolve("certs/@partner.example.pem"), gateway.certificate());

        store = open(Duration.ZERO);

        assertThat(store.certificates("*@partner.example")).isEqualTo(Lookup.found(List.of(gateway.certificate())));
    }

    @Test
    void harvestedCertificatesAreWrittenAsPemAndReadBack() throws Exception {
        TestIdentity harvested = PKI.user("harvest@example.com");
        store = open(Duration.ZERO);

        Lookup<String> written = store.storeHarvested("harvest@example.com", harvested.certificate());

        assertThat(written).isInstanceOf(Lookup.Found.class);
        Path file = Path.of(((Lookup.Found<String>) written).value());
        assertThat(file.getParent()).isEqualTo(root.resolve("harvested"));
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(store.certificates("harvest@example.com")).isEqualTo(
            Lookup.found(List.of(harvested.certificate())));
    }

    @Test
    void refusesToOpenAMissingDirectory() {
        assertThatThrownBy(() -> FileCertificateStore.open(new FileStoreSettings(root.resolve("missing"), null,
            Duration.ZERO))).isInstanceOf(UncheckedIOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertThat(new FileStoreSettings(root, "secret".toCharArray(), Duration.ZERO).toString())
            .doesNotContain("secret");
    }

    private static String encryptedPem(TestIdentity identity, char[] password) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(identity.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(Providers.BC)
                    .setPassword(password).build()));
        }
        return text.toString();
    }

    private FileCertificateStore open(Duration rescan) {
        return FileCertificateStore.open(new FileStoreSettings(root, DEFAULT_PASSWORD, rescan));
    }
}
