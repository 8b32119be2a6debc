package org.smimegateway.keystore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
    private static final TestPki PKI = TestPki.create();

    @Test
    void defaultUserChainsToTheRootThroughTheIntermediate() throws Exception {
        TestIdentity alice = PKI.user("alice@example.com");

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(PKI.rootCertificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
            .generateCertPath(List.of(alice.certificate(), PKI.intermediateCertificate())), parameters);

        assertThat(alice.chain()).containsExactly(PKI.intermediateCertificate(), PKI.rootCertificate());
        assertThat(alice.certificate().getKeyUsage()[0]).isTrue();
        assertThat(alice.certificate().getKeyUsage()[2]).isTrue();
        assertThat(alice.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
        assertThat(alice.certificate().getSubjectAlternativeNames())
            .containsExactly(List.of(1, "alice@example.com"));
    }

    @Test
    void usersGetDistinctKeysAndSerials() {
        TestIdentity one = PKI.user("one@example.com");
        TestIdentity two = PKI.user("one@example.com");

        assertThat(one.certificate().getPublicKey()).isNotEqualTo(two.certificate().getPublicKey());
        assertThat(one.certificate().getSerialNumber()).isNotEqualTo(two.certificate().getSerialNumber());
    }

    @Test
    void independentRootDoesNotReuseTheKeysOfItsSibling() {
        TestPki stranger = PKI.independentRoot("Stranger");

        assertThat(stranger.rootCertificate().getPublicKey()).isNotEqualTo(PKI.rootCertificate().getPublicKey());
        assertThat(stranger.user("x@example.com").root()).isEqualTo(stranger.rootCertificate());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreOutsideTheirWindowNow() {
        X509Certificate expired = PKI.endEntity("old@example.com").expired().issue().certificate();
        X509Certificate future = PKI.endEntity("new@example.com").notYetValid().issue().certificate();

        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(future::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void ecSigningOnlyCertificateHasOnlyTheRequestedUsage() throws Exception {
        X509Certificate cert = PKI.endEntity("ec@example.com").ec().signingOnly().tlsOnly().issue().certificate();

        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getKeyUsage()[0]).isTrue();
        assertThat(cert.getKeyUsage()[2]).isFalse();
        assertThat(cert.getKeyUsage()[4]).isFalse();
        assertThat(cert.getExtendedKeyUsage()).doesNotContain("1.3.6.1.5.5.7.3.4");
    }

    @Test
    void crlRevokesTheGivenSerialsAndIsSignedByTheIntermediate() throws Exception {
        TestIdentity revoked = PKI.user("gone@example.com");
        TestIdentity fine = PKI.user("fine@example.com");

        X509CRL crl = PKI.crl(revoked.certificate().getSerialNumber());

        crl.verify(PKI.intermediateCertificate().getPublicKey());
        assertThat(crl.isRevoked(revoked.certificate())).isTrue();
        assertThat(crl.isRevoked(fine.certificate())).isFalse();
    }

    @Test
    void filesRoundTripThroughTheJdkReaders(@TempDir Path dir) throws Exception {
        TestIdentity alice = PKI.user("alice@example.com");
        char[] password = "secret".toCharArray();

        Path p12 = PkiFiles.writePkcs12(dir.resolve("keys/alice.p12"), alice, password);
        Path pem = PkiFiles.writePem(dir.resolve("certs/chain.pem"), alice.certificate(), PKI.intermediateCertificate());
        Path p7b = PkiFiles.writeP7b(dir.resolve("certs/chain.p7b"), alice.certificate(), PKI.rootCertificate());
        Path der = PkiFiles.writeDer(dir.resolve("certs/alice.cer"), alice.certificate());
        Path crl = PkiFiles.writeCrlPem(dir.resolve("crls/int.crl"), PKI.crl());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, password);
        }
        assertThat(store.getKey("key", password)).isEqualTo(alice.privateKey());
        assertThat(store.getCertificateChain("key")).hasSize(3);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        assertThat(read(factory, pem)).hasSize(2);
        assertThat(read(factory, p7b)).hasSize(2);
        assertThat(read(factory, der)).hasSize(1).first().isEqualTo(alice.certificate());
        try (InputStream in = Files.newInputStream(crl)) {
            assertThat(factory.generateCRL(in)).isInstanceOf(X509CRL.class);
        }
    }

    private static Collection<? extends Certificate> read(CertificateFactory factory, Path file)
        throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return factory.generateCertificates(in);
        }
    }
}
