package org.smimegateway.keystore.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;

class PathValidatorTest {
    private static final TestPki PKI = TestPki.create("Validator");
    private static final RevocationPolicy HARD = new RevocationPolicy(RevocationPolicy.FailMode.HARD, false,
        Duration.ofSeconds(2));

    private final MutableTrustSource source = new MutableTrustSource();

    @BeforeEach
    void trustTheRoot() {
        source.anchors.add(PKI.rootCertificate());
        source.intermediates.add(PKI.intermediateCertificate());
    }

    @Test
    void trustsAPathWithCurrentCrlsAndReturnsItAnchorLast() {
        TestIdentity user = PKI.user("a@example.com");
        source.addCrl(PKI.crl());
        source.addCrl(PKI.rootCrl());

        TrustVerdict verdict = validator(HARD).validate(user.certificate(), List.of());

        assertThat(verdict).isInstanceOf(TrustVerdict.Trusted.class);
        TrustVerdict.Trusted trusted = (TrustVerdict.Trusted) verdict;
        assertThat(trusted.path()).containsExactly(user.certificate(), PKI.intermediateCertificate());
        assertThat(trusted.anchor()).isEqualTo(PKI.rootCertificate());
    }

    @Test
    void missingCrlIsUnknownUnderHardFailAndAcceptedUnderSoftFail() {
        TestIdentity user = PKI.user("b@example.com");

        assertThat(validator(HARD).validate(user.certificate(), List.of())).isInstanceOf(TrustVerdict.Unknown.class);
        assertThat(validator(RevocationPolicy.DEFAULT).validate(user.certificate(), List.of()).isTrusted()).isTrue();
    }

    @Test
    void staleCrlGivesNoAssuranceUnderHardFail() {
        TestIdentity user = PKI.user("c@example.com");
        Instant now = Instant.now();
        source.addCrl(PKI.crl(PKI.intermediate(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(3))));
        source.addCrl(PKI.rootCrl());

        TrustVerdict verdict = validator(HARD).validate(user.certificate(), List.of());

        assertThat(verdict).isInstanceOf(TrustVerdict.Unknown.class);
        assertThat(((TrustVerdict.Unknown) verdict).reason()).contains("no current CRL");
    }

    @Test
    void crlWithTheIssuersNameButAnotherKeyIsIgnored() {
        TestIdentity user = PKI.user("d@example.com");
        TestPki forger = PKI.independentRoot("Validator");
        source.addCrl(forger.crl(user.certificate().getSerialNumber()));

        assertThat(validator(RevocationPolicy.DEFAULT).validate(user.certificate(), List.of()).isTrusted()).isTrue();
    }

    @Test
    void aDeltaCrlRevokesButItsSilenceIsNoAssurance() throws Exception {
        TestIdentity listed = PKI.user("delta1@example.com");
        TestIdentity unlisted = PKI.user("delta2@example.com");
        source.addCrl(deltaCrl(listed.certificate().getSerialNumber()));
        source.addCrl(PKI.rootCrl());

        assertThat(validator(HARD).validate(listed.certificate(), List.of())).isInstanceOf(TrustVerdict.Revoked.class);
        assertThat(validator(HARD).validate(unlisted.certificate(), List.of()))
            .isInstanceOf(TrustVerdict.Unknown.class);
    }

    @Test
    void revokedIntermediateRevokesEverythingBelowIt() {
        TestIdentity user = PKI.user("e@example.com");
        TestIdentity otherIntermediate = PKI.newIntermediate("CN=Second Intermediate,O=Validator", PKI.root());
        TestIdentity below = PKI.endEntity("f@example.com").issuedBy(otherIntermediate).issue();
        source.addCrl(PKI.rootCrl(otherIntermediate.certificate().getSerialNumber()));

        TrustVerdict verdict = validator(RevocationPolicy.DEFAULT).validate(below.certificate(),
            List.of(otherIntermediate.certificate()));

        assertThat(verdict).isInstanceOf(TrustVerdict.Revoked.class);
        assertThat(((TrustVerdict.Revoked) verdict).certificate()).isEqualTo(otherIntermediate.certificate());
        assertThat(validator(RevocationPolicy.DEFAULT).validate(user.certificate(), List.of()).isTrusted()).isTrue();
    }

    @Test
    void untrustedWithoutAnchorsAndForExpiredCertificates() {
        TestIdentity expired = PKI.endEntity("g@example.com").expired().issue();

        TrustVerdict expiredVerdict = validator(RevocationPolicy.DEFAULT).validate(expired.certificate(), List.of());
        source.anchors.clear();
        TrustVerdict noAnchors = validator(RevocationPolicy.DEFAULT).validate(PKI.user("h@example.com").certificate(),
            List.of());

        assertThat(((TrustVerdict.Untrusted) expiredVerdict).reason()).contains("expired");
        assertThat(((TrustVerdict.Untrusted) noAnchors).reason()).contains("no trust anchors");
    }

    @Test
    void directoryOutageIsUnknownUnderHardFail() {
        TestIdentity user = PKI.user("i@example.com");
        source.unavailable = true;

        TrustVerdict verdict = validator(HARD).validate(user.certificate(), List.of());

        assertThat(((TrustVerdict.Unknown) verdict).reason()).contains("unavailable");
    }

    @Test
    void verdictIsReusedUntilTheCrlNextUpdateAndRecomputedWhenCrlsChange() {
        TestIdentity user = PKI.user("j@example.com");
        Instant now = Instant.now();
        source.addCrl(PKI.crl(PKI.intermediate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(30))));
        source.addCrl(PKI.rootCrl());
        MutableClock clock = new MutableClock(now);
        PathValidator validator = new PathValidator(source, HARD, clock);

        assertThat(validator.validate(user.certificate(), List.of()).isTrusted()).isTrue();
        int queries = source.crlQueries.get();
        assertThat(validator.validate(user.certificate(), List.of()).isTrusted()).isTrue();
        assertThat(source.crlQueries.get()).isEqualTo(queries);

        clock.advance(Duration.ofMinutes(31));
        assertThat(validator.validate(user.certificate(), List.of())).isInstanceOf(TrustVerdict.Unknown.class);
        assertThat(source.crlQueries.get()).isGreaterThan(queries);

        source.addCrl(PKI.crl(user.certificate().getSerialNumber()));
        assertThat(validator.validate(user.certificate(), List.of())).isInstanceOf(TrustVerdict.Revoked.class);
    }

    @Test
    void distributionPointsAreFetchedOnlyWhenEnabled() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/int.crl";
        TestIdentity user = PKI.endEntity("k@example.com").crlDistributionPoint(url).issue();
        byte[] crl = PKI.crl(user.certificate().getSerialNumber()).getEncoded();
        http.createContext("/int.crl", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        http.start();
        try {
            TrustVerdict closedNetwork = validator(RevocationPolicy.DEFAULT).validate(user.certificate(), List.of());
            assertThat(closedNetwork.isTrusted()).isTrue();
            assertThat(requests.get()).isZero();

            RevocationPolicy fetching = new RevocationPolicy(RevocationPolicy.FailMode.SOFT, true,
                Duration.ofSeconds(2));
            TrustVerdict fetched = validator(fetching).validate(user.certificate(), List.of());
            assertThat(fetched).isInstanceOf(TrustVerdict.Revoked.class);
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void ldapDistributionPointsAreFetchedWhenEnabled() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("lo", InetAddress.getLoopbackAddress(), 0,
            null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.startListening();
        try {
            String url = "ldap://127.0.0.1:" + server.getListenPort()
                + "/cn=crl,dc=example,dc=com?certificateRevocationList;binary";
            TestIdentity user = PKI.endEntity("l@example.com").crlDistributionPoint(url).issue();
            server.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
            server.add(new Entry("cn=crl,dc=example,dc=com", List.of(
                new Attribute("objectClass", "applicationProcess", "pkiCA"), new Attribute("cn", "crl"),
                new Attribute("certificateRevocationList;binary",
                    PKI.crl(user.certificate().getSerialNumber()).getEncoded()))));
            RevocationPolicy fetching = new RevocationPolicy(RevocationPolicy.FailMode.HARD, true,
                Duration.ofSeconds(2));

            assertThat(validator(fetching).validate(user.certificate(), List.of()))
                .isInstanceOf(TrustVerdict.Revoked.class);
        } finally {
            server.shutDown(true);
        }
    }

    private static X509CRL deltaCrl(BigInteger serial) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(PKI.intermediateCertificate().getSubjectX500Principal(),
            Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(5))), CRLReason.keyCompromise);
        builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.ONE));
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Providers.BC)
            .build(PKI.intermediate().privateKey())).getEncoded();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private PathValidator validator(RevocationPolicy policy) {
        return new PathValidator(source, policy, Clock.systemUTC());
    }
}
