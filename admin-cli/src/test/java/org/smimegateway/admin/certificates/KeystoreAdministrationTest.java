package org.smimegateway.admin.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.KeyAlgorithm;
import org.smimegateway.admin.ca.CaCreator;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import org.smimegateway.admin.ca.CrlIssuer;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.IssuedCertificate;
import org.smimegateway.admin.ca.Revocation;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.pkcs12.Pkcs12Exporter;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;

/**
 * The admin core's certificate, anchor, intermediate and CRL services against a real file store read by a real
 * provider that never rescans by itself: every change must reach it through the services' flush.
 */
class KeystoreAdministrationTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final CaMaterial CA = new CaCreator(CLOCK).create(new CaProfile("Admin Test Root",
        "Admin Test Issuing", Optional.empty(), KeyAlgorithm.RSA_2048, 365, Optional.empty(), Optional.empty()));

    @TempDir
    Path root;
    private FileCertificateStore fileStore;
    private Certificates certificates;
    private TrustMaterial trust;
    private KeystoreProvider provider;

    @BeforeEach
    void open() throws Exception {
        for (String folder : List.of("anchors", "intermediates", "certs", "keys", "crls", "harvested")) {
            Files.createDirectories(root.resolve(folder));
        }
        fileStore = FileCertificateStore.open(new FileStoreSettings(root, null, Duration.ZERO));
        provider = new StoreKeystoreProvider(fileStore, new PathValidator(fileStore, RevocationPolicy.DEFAULT, CLOCK),
            CLOCK);
        LiveKeystore live = new LiveKeystore(provider, "test");
        certificates = new Certificates(root, live);
        trust = new TrustMaterial(root, live, CLOCK);
    }

    @AfterEach
    void close() {
        fileStore.close();
    }

    @Test
    void anImportedRecipientCertificateIsChosenAtOnceAndItsDetailShowsTheTrustedChain() {
        IssuedCertificate anna = issue("anna@example.com");
        trust.importCertificates(TrustMaterial.Kind.ANCHOR, Pem.certificates(List.of(CA.root())));
        trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE, der(CA.intermediate()));

        List<CertificateView> imported = certificates.importCertificates(Pem.certificates(List.of(anna.certificate())),
            null);

        String sha256 = Fingerprints.sha256(anna.certificate());
        assertThat(imported).singleElement().satisfies(view -> {
            assertThat(view.sha256()).isEqualTo(sha256);
            assertThat(view.addresses()).containsExactly("anna@example.com");
            assertThat(view.file()).startsWith("certs/anna@example.com-");
            assertThat(view.serial()).isEqualTo(anna.certificate().getSerialNumber().toString(16));
        });
        AddressReport report = certificates.search("Anna@Example.com");
        assertThat(report.lookup()).isEqualTo("found");
        assertThat(report.usable()).extracting(CertificateView::sha256).containsExactly(sha256);
        assertThat(report.usable().get(0).source()).isEqualTo("file");
        assertThat(report.stored()).extracting(CertificateView::sha256).containsExactly(sha256);

        CertificateDetail detail = certificates.detail(sha256.toUpperCase());
        assertThat(detail.trust()).isEqualTo(new CertificateDetail.Trust("trusted", null));
        assertThat(detail.chain()).extracting(CertificateView::sha256)
            .containsExactly(Fingerprints.sha256(CA.intermediate()), Fingerprints.sha256(CA.root()));
        assertThat(detail.keyKept()).isFalse();
    }

    @Test
    void aCrlImportRevokesForTheNextLookupAndAnOlderCrlOfTheSameIssuerIsRefused() throws Exception {
        IssuedCertificate ben = issue("ben@example.com");
        trust.importCertificates(TrustMaterial.Kind.ANCHOR, der(CA.root()));
        trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE, der(CA.intermediate()));
        certificates.importCertificates(der(ben.certificate()), "ben@example.com");
        X509CRL older = crl();
        Thread.sleep(1100); // thisUpdate has second precision
        X509CRL revoking = crl(ben.certificate().getSerialNumber());

        CrlView view = trust.importCrl(Pem.crl(revoking));

        assertThat(view.entries()).isEqualTo(1);
        assertThat(view.fresh()).isTrue();
        assertThat(view.issuerKnown()).isTrue();
        assertThat(view.issuer()).isEqualTo(CA.intermediate().getSubjectX500Principal().getName());
        AddressReport report = certificates.search("ben@example.com");
        assertThat(report.usable()).isEmpty();
        assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("revoked"));
        assertThat(certificates.detail(Fingerprints.sha256(ben.certificate())).trust().verdict())
            .isEqualTo("revoked");
        assertThat(trust.crls()).extracting(CrlView::sha256).containsExactly(view.sha256());

        assertThatThrownBy(() -> trust.importCrl(older.getEncoded())).isInstanceOfSatisfying(AdminProblem.class,
            p -> assertThat(p.kind()).isEqualTo(AdminProblem.Kind.CONFLICT));
    }

    @Test
    void badInputIsRefusedWithAMessageAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> certificates.importCertificates(
            "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII),
            null)).isInstanceOfSatisfying(AdminProblem.class, p -> {
                assertThat(p.kind()).isEqualTo(AdminProblem.Kind.BAD_INPUT);
                assertThat(p.getMessage()).startsWith("body: not a certificate");
            });
        assertThatThrownBy(() -> trust.importCrl("garbage".getBytes(StandardCharsets.US_ASCII)))
            .isInstanceOfSatisfying(AdminProblem.class, p -> assertThat(p.kind())
                .isEqualTo(AdminProblem.Kind.BAD_INPUT));
        // A CRL whose issuer the store does not know would be ignored by the gateway: refused.
        assertThatThrownBy(() -> trust.importCrl(crl().getEncoded())).isInstanceOfSatisfying(AdminProblem.class,
            p -> assertThat(p.getMessage()).contains("import its issuer first"));
        assertThatThrownBy(() -> trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE,
            der(issue("carl@example.com").certificate()))).hasMessageContaining("not a CA certificate");
        assertThatThrownBy(() -> certificates.importCertificates(der(CA.root()), null))
            .hasMessageContaining("import it as an anchor");
        assertThatThrownBy(() -> certificates.importCertificates(der(issue("dan@example.com").certificate()),
            "eve@example.com")).hasMessageContaining("does not name eve@example.com");
        assertThatThrownBy(() -> certificates.detail("00".repeat(32))).isInstanceOfSatisfying(AdminProblem.class,
            p -> assertThat(p.kind()).isEqualTo(AdminProblem.Kind.NOT_FOUND));
        assertThatThrownBy(() -> certificates.detail("xyz")).isInstanceOfSatisfying(AdminProblem.class,
            p -> assertThat(p.kind()).isEqualTo(AdminProblem.Kind.BAD_INPUT));
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aPkcs12KeyIsKeptForSigningAndItsCertificateIsDeletedOnlyWithTheKeyWhenAskedTo() {
        IssuedCertificate dora = issue("dora@example.com");
        trust.importCertificates(TrustMaterial.Kind.ANCHOR, der(CA.root()));
        trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE, der(CA.intermediate()));
        byte[] pkcs12 = new Pkcs12Exporter().export(dora.privateKey(), dora.certificate(), List.of(CA.intermediate()),
            "dora", "s3cret".toCharArray(), Pkcs12Encryption.DEFAULT);

        assertThatThrownBy(() -> certificates.importPkcs12(pkcs12, "wrong".toCharArray(), null))
            .isInstanceOfSatisfying(AdminProblem.class, p -> assertThat(p.kind())
                .isEqualTo(AdminProblem.Kind.BAD_INPUT));
        CertificateView imported = certificates.importPkcs12(pkcs12, "s3cret".toCharArray(), null);

        assertThat(imported.file()).startsWith("keys/dora@example.com-").endsWith(".p12");
        assertThat(Files.exists(root.resolve(imported.file() + ".pass"))).isTrue();
        assertThat(provider.signingIdentity("dora@example.com")).isInstanceOf(Lookup.Found.class);
        assertThat(certificates.search("dora@example.com").signing().sha256()).isEqualTo(imported.sha256());
        assertThat(certificates.detail(imported.sha256()).keyKept()).isTrue();
        assertThat(certificates.list()).singleElement().satisfies(view -> {
            assertThat(view.sha256()).isEqualTo(imported.sha256());
            assertThat(view.file()).startsWith("certs/"); // also in keys/, listed once
        });

        assertThatThrownBy(() -> certificates.delete(imported.sha256(), false))
            .isInstanceOfSatisfying(AdminProblem.class, p -> assertThat(p.kind())
                .isEqualTo(AdminProblem.Kind.CONFLICT));
        List<String> deleted = certificates.delete(imported.sha256(), true);

        assertThat(deleted).hasSize(2).anyMatch(f -> f.startsWith("certs/")).anyMatch(f -> f.startsWith("keys/"));
        assertThat(provider.signingIdentity("dora@example.com")).isInstanceOf(Lookup.NotFound.class);
        assertThat(provider.encryptionCertificates("dora@example.com")).isInstanceOf(Lookup.NotFound.class);
        assertThat(Files.exists(root.resolve(imported.file() + ".pass"))).isFalse();
    }

    @Test
    void deletingTheAnchorMakesTheChainUntrustedAtOnce() {
        IssuedCertificate emil = issue("emil@example.com");
        CertificateView anchor = trust.importCertificates(TrustMaterial.Kind.ANCHOR, der(CA.root())).get(0);
        trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE, der(CA.intermediate()));
        certificates.importCertificates(der(emil.certificate()), null);
        assertThat(trust.list(TrustMaterial.Kind.ANCHOR)).extracting(CertificateView::sha256)
            .containsExactly(anchor.sha256());

        assertThat(trust.delete(TrustMaterial.Kind.ANCHOR, anchor.sha256())).containsExactly(anchor.file());

        assertThat(trust.list(TrustMaterial.Kind.ANCHOR)).isEmpty();
        assertThat(certificates.detail(Fingerprints.sha256(emil.certificate())).trust().verdict())
            .isEqualTo("untrusted");
        assertThatThrownBy(() -> trust.delete(TrustMaterial.Kind.ANCHOR, anchor.sha256()))
            .isInstanceOfSatisfying(AdminProblem.class, p -> assertThat(p.kind())
                .isEqualTo(AdminProblem.Kind.NOT_FOUND));
    }

    @Test
    void aCertificateOnlyAnotherSourceHoldsIsDetailedThroughTheAddressItWasFoundFor() throws Exception {
        // The live keystore reads a second store (standing in for LDAP); the administered file store stays empty.
        Path elsewhere = root.resolve("elsewhere");
        for (String folder : List.of("anchors", "intermediates", "certs")) {
            Files.createDirectories(elsewhere.resolve(folder));
        }
        IssuedCertificate lena = issue("lena@example.com");
        Files.write(elsewhere.resolve("anchors/root.pem"), Pem.certificates(List.of(CA.root())));
        Files.write(elsewhere.resolve("intermediates/issuing.pem"), Pem.certificates(List.of(CA.intermediate())));
        Files.write(elsewhere.resolve("certs/lena.pem"), Pem.certificates(List.of(lena.certificate())));
        try (FileCertificateStore other = FileCertificateStore.open(new FileStoreSettings(elsewhere, null, Duration.ZERO))) {
            Certificates overOther = new Certificates(root.resolve("administered"), new LiveKeystore(
                new StoreKeystoreProvider(other, new PathValidator(other, RevocationPolicy.DEFAULT, CLOCK), CLOCK), "test"));
            String sha256 = Fingerprints.sha256(lena.certificate());

            CertificateDetail detail = overOther.detail(sha256, Optional.of("lena@example.com"));

            assertThat(detail.certificate().source()).isEqualTo("ldap");
            assertThat(detail.certificate().sha256()).isEqualTo(sha256);
            assertThat(detail.files()).isEmpty();
            assertThat(detail.trust().verdict()).isEqualTo("trusted");
            assertThat(detail.chain()).hasSize(2);
            assertThatThrownBy(() -> overOther.detail(sha256)).isInstanceOfSatisfying(AdminProblem.class,
                p -> assertThat(p.kind()).isEqualTo(AdminProblem.Kind.NOT_FOUND));
            assertThatThrownBy(() -> overOther.detail(sha256, Optional.of("mia@example.com")))
                .isInstanceOfSatisfying(AdminProblem.class, p -> assertThat(p.getMessage())
                    .contains("nor among the keystore's certificates for mia@example.com"));
        }
    }

    private static IssuedCertificate issue(String address) {
        return new EndUserIssuer(CLOCK).issue(CA.issuing(), new EndUserRequest(address, Optional.empty(),
            KeyAlgorithm.RSA_2048, 30, Optional.empty()), Optional.empty(), Optional.empty());
    }

    private static X509CRL crl(BigInteger... serials) {
        List<Revocation> revocations = java.util.Arrays.stream(serials)
            .map(s -> new Revocation(s, Instant.now().minusSeconds(60), RevocationReason.KEY_COMPROMISE)).toList();
        return new CrlIssuer(CLOCK).issue(CA.issuing(), revocations, BigInteger.valueOf(System.nanoTime()), 7);
    }

    private static byte[] der(java.security.cert.X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
