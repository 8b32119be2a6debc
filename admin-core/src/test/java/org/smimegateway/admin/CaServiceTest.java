package org.smimegateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.delivery.MailOutcome;
import org.smimegateway.admin.delivery.MessageAssembler;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.sms.FilePasswordChannel;
import org.smimegateway.admin.store.DirectoryCaVault;
import org.smimegateway.admin.store.FileGatewayStore;

class CaServiceTest {
    private static final char[] PASSWORD = "ca secret".toCharArray();

    @TempDir
    Path dir;
    private FileGatewayStore store;
    private CaService service;

    @BeforeEach
    void setUp() {
        store = new FileGatewayStore(dir.resolve("store"), Optional.empty());
        service = new CaService(new DirectoryCaVault(dir.resolve("ca")), store, Clock.systemUTC(), "test");
    }

    private CaMaterial create() {
        return service.create(new CaProfile("Test Root", "Test Issuing", Optional.empty(), KeyAlgorithm.EC_P256, 30,
            Optional.empty(), Optional.empty()), PASSWORD, 7, Optional.empty());
    }

    private IssueReport issue(CaMaterial ca, String address, UserKind kind, Issuance.PfxSettings pfx,
                              Optional<PfxDelivery> delivery) {
        Issuance issuance = new Issuance(ca, service.settings(), store, new EndUserIssuer(Clock.systemUTC()), pfx,
            delivery, new FilePasswordChannel(dir.resolve("passwords.tsv")));
        return service.issue(issuance, new IssueRequest(new EndUserRequest(address, Optional.empty(),
            KeyAlgorithm.EC_P256, 30, Optional.empty()), kind, Optional.empty(), false, false));
    }

    private IssueReport issueInternal(CaMaterial ca, String address) {
        return issue(ca, address, UserKind.INTERNAL, new Issuance.PfxSettings(Pkcs12Encryption.DEFAULT,
            "p12 secret"::toCharArray, dir.resolve("pfx")), Optional.empty());
    }

    @Test
    void statusOfNoCaSaysSoAndEveryActNeedingTheCaIsRefused() {
        assertThat(service.status().exists()).isFalse();
        assertThatThrownBy(() -> service.unlock(PASSWORD)).isInstanceOfSatisfying(CaRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.NO_CA)).hasMessageContaining("init-ca");
        assertThatThrownBy(service::settings).isInstanceOf(CaRefusal.class);
    }

    @Test
    void createPublishesAnEmptyCrlAndRefusesASecondCa() {
        CaMaterial ca = create();
        CaStatus status = service.status();
        assertThat(status.exists()).isTrue();
        assertThat(status.intermediate()).contains(ca.intermediate());
        assertThat(status.root()).contains(ca.root());
        assertThat(status.revokedCount()).isZero();
        assertThat(status.crlNumber()).isPresent();
        assertThat(store.trustAnchors()).containsExactly(ca.root());
        assertThatThrownBy(this::create).isInstanceOfSatisfying(CaRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.CA_EXISTS));
        assertThat(service.unlock(PASSWORD).intermediate()).isEqualTo(ca.intermediate());
    }

    @Test
    void unknownSerialIsRefusedAndTheCrlStaysAsItWas() {
        CaMaterial ca = create();
        BigInteger before = service.status().crlNumber().orElseThrow();
        assertThatThrownBy(() -> service.revoke(ca, new RevocationTarget.Serial(new BigInteger("badc0ffee", 16)),
            RevocationReason.UNSPECIFIED, true, 7, Optional.empty()))
            .isInstanceOfSatisfying(CaRefusal.class, r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.NOT_FOUND))
            .hasMessageContaining("badc0ffee was not issued by this CA");
        assertThat(service.status().crlNumber()).contains(before);
        assertThat(service.status().revokedCount()).isZero();
    }

    @Test
    void severalCertificatesOfAnAddressNeedConfirmationAndThenAllAreRevoked() {
        CaMaterial ca = create();
        issueInternal(ca, "carol@gateway.test");
        issueInternal(ca, "carol@gateway.test");
        RevocationTarget carol = new RevocationTarget.Address("Carol@Gateway.test");
        assertThatThrownBy(() -> service.revoke(ca, carol, RevocationReason.KEY_COMPROMISE, false, 7, Optional.empty()))
            .isInstanceOfSatisfying(CaRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.NEEDS_CONFIRMATION))
            .hasMessageContaining("2 certificates match; nothing revoked");
        assertThat(service.status().revokedCount()).isZero();

        CaService.Revoked revoked = service.revoke(ca, carol, RevocationReason.KEY_COMPROMISE, true, 7,
            Optional.empty());
        assertThat(revoked.certificates()).hasSize(2);
        assertThat(CaService.revokedCount(revoked.crls().intermediateCrl())).isEqualTo(2);
        assertThat(service.currentCrl()).hasValueSatisfying(crl -> assertThat(CaService.revokedCount(crl)).isEqualTo(2));
        assertThat(service.status().revokedCount()).isEqualTo(2);
    }

    @Test
    void aRevokedSerialIsNotRevokedTwice() {
        CaMaterial ca = create();
        IssueReport alice = issueInternal(ca, "alice@gateway.test");
        RevocationTarget serial = RevocationTarget.Serial.parse(alice.serialHex().toUpperCase());
        service.revoke(ca, serial, RevocationReason.UNSPECIFIED, false, 7, Optional.empty());
        assertThatThrownBy(() -> service.revoke(ca, serial, RevocationReason.UNSPECIFIED, false, 7, Optional.empty()))
            .isInstanceOfSatisfying(CaRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.ALREADY_REVOKED));
        assertThatThrownBy(() -> service.revoke(ca, new RevocationTarget.Address("alice@gateway.test"),
            RevocationReason.UNSPECIFIED, true, 7, Optional.empty()))
            .isInstanceOfSatisfying(CaRefusal.class, r -> assertThat(r.reason()).isEqualTo(CaRefusal.Reason.NOT_FOUND));
    }

    @Test
    void externalUserWhosePkcs12MailIsNotAcceptedGetsNothingFiled() throws Exception {
        CaMaterial ca = create();
        Path pfxDir = Files.createDirectories(dir.resolve("pfx"));
        var signer = new SenderIdentities(store, ca, service.settings(), new EndUserIssuer(Clock.systemUTC()),
            KeyAlgorithm.EC_P256).signerFor("ca@gateway.test");
        PfxDelivery refused = new PfxDelivery(new PfxDelivery.MailSettings("ca@gateway.test", "Your certificate",
            "{file}"), signer, new MessageAssembler(Clock.systemUTC()),
            (from, to, message) -> new MailOutcome.Failed("spool full"),
            new FilePasswordChannel(dir.resolve("passwords.tsv")));
        IssueReport report = issue(ca, "dave@partner.test", UserKind.EXTERNAL,
            new Issuance.PfxSettings(Pkcs12Encryption.DEFAULT, "p12 secret"::toCharArray, pfxDir),
            Optional.of(refused));
        assertThat(report.succeeded()).isFalse();
        assertThat(report.filed()).isFalse();
        assertThat(store.certificatesFor("dave@partner.test")).isEmpty();
        assertThat(dir.resolve("passwords.tsv")).as("no password for a mail that did not go out").doesNotExist();
        try (var files = Files.list(pfxDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void serialsAreReadAsOperatorsTypeThem() {
        assertThat(RevocationTarget.Serial.parse("0x1A:2b").serial()).isEqualTo(BigInteger.valueOf(0x1a2b));
        assertThatThrownBy(() -> RevocationTarget.Serial.parse("xyz")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a hexadecimal serial");
    }
}
