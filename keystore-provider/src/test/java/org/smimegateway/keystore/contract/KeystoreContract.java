package org.smimegateway.keystore.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * What every keystore must answer the same way, whatever holds the certificates. Each backend test class supplies a
 * fresh, empty backend per test; the PKI is shared (keys are pooled) to keep the suite fast.
 */
abstract class KeystoreContract {
    static final TestPki PKI = TestPki.create("Contract");
    static final TestPki STRANGER = PKI.independentRoot("Stranger");

    @TempDir
    Path temp;
    KeystoreBackend backend;

    /** A new, empty backend. */
    abstract KeystoreBackend newBackend(Path directory) throws Exception;

    @BeforeEach
    void createBackend() throws Exception {
        backend = newBackend(temp);
        backend.addAnchor(PKI.rootCertificate());
        backend.addIntermediate(PKI.intermediateCertificate());
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void findsTheUsableCertificateOfARecipientCaseInsensitively() {
        TestIdentity alice = PKI.user("alice@example.com");
        backend.publish("alice@example.com", alice.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("Alice@Example.COM"));

        assertThat(found.usable()).containsExactly(alice.certificate());
        assertThat(found.rejected()).isEmpty();
    }

    @Test
    void unknownRecipientIsNotFound() {
        backend.publish("alice@example.com", PKI.user("alice@example.com").certificate());

        assertThat(backend.provider().encryptionCertificates("nobody@example.com")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void rejectsExpiredAndNotYetValidCertificatesWithTheReason() {
        TestIdentity expired = PKI.endEntity("bob@example.com").expired().issue();
        TestIdentity future = PKI.endEntity("bob@example.com").notYetValid().issue();
        backend.publish("bob@example.com", expired.certificate(), future.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("bob@example.com"));

        assertThat(found.isUsable()).isFalse();
        assertThat(reasonFor(found, expired.certificate())).startsWith("expired on");
        assertThat(reasonFor(found, future.certificate())).startsWith("not valid before");
    }

    @Test
    void rejectsCertificatesWhoseKeyUsageOrExtendedKeyUsageForbidsEncryption() {
        TestIdentity signingOnly = PKI.endEntity("carol@example.com").signingOnly().issue();
        TestIdentity tlsOnly = PKI.endEntity("carol@example.com").tlsOnly().issue();
        TestIdentity ecWithoutAgreement = PKI.endEntity("carol@example.com").ec().signingOnly().issue();
        backend.publish("carol@example.com", signingOnly.certificate(), tlsOnly.certificate(),
            ecWithoutAgreement.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("carol@example.com"));

        assertThat(found.isUsable()).isFalse();
        assertThat(reasonFor(found, signingOnly.certificate())).contains("keyEncipherment");
        assertThat(reasonFor(found, tlsOnly.certificate())).contains("emailProtection");
        assertThat(reasonFor(found, ecWithoutAgreement.certificate())).contains("keyAgreement");
    }

    @Test
    void acceptsAnEcCertificateWithKeyAgreement() {
        TestIdentity ec = PKI.endEntity("erin@example.com").ec().issue();
        backend.publish("erin@example.com", ec.certificate());

        assertThat(found(backend.provider().encryptionCertificates("erin@example.com")).usable())
            .containsExactly(ec.certificate());
    }

    @Test
    void neverOffersACertificateIssuedForAnotherAddress() {
        TestIdentity mallory = PKI.user("mallory@example.com");
        backend.publish("dave@example.com", mallory.certificate());

        Lookup<EncryptionCertificates> answer = backend.provider().encryptionCertificates("dave@example.com");

        if (answer instanceof Lookup.Found<EncryptionCertificates> found) {
            assertThat(found.value().usable()).isEmpty();
            assertThat(reasonFor(found.value(), mallory.certificate())).contains("not issued for dave@example.com");
        } else {
            assertThat(answer).isInstanceOf(Lookup.NotFound.class);
        }
    }

    @Test
    void rejectsACertificateRevokedByItsIssuersCrl() {
        TestIdentity revoked = PKI.user("frank@example.com");
        TestIdentity current = PKI.user("frank@example.com");
        backend.publish("frank@example.com", revoked.certificate(), current.certificate());
        backend.addCrl(PKI.crl(revoked.certificate().getSerialNumber()), PKI.intermediateCertificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("frank@example.com"));

        assertThat(found.usable()).containsExactly(current.certificate());
        assertThat(reasonFor(found, revoked.certificate())).startsWith("revoked:");
    }

    @Test
    void rejectsEveryCertificateBelowARevokedIntermediate() {
        TestPki other = TestPki.create("Revoked Branch");
        TestIdentity below = other.user("gina@example.com");
        backend.addAnchor(other.rootCertificate());
        backend.addIntermediate(other.intermediateCertificate());
        backend.addCrl(other.rootCrl(other.intermediateCertificate().getSerialNumber()), other.rootCertificate());
        backend.publish("gina@example.com", below.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("gina@example.com"));

        assertThat(found.isUsable()).isFalse();
        assertThat(reasonFor(found, below.certificate())).startsWith("revoked:");
    }

    @Test
    void rejectsACertificateThatChainsToAnUntrustedRoot() {
        TestIdentity foreign = STRANGER.user("henry@example.com");
        backend.publish("henry@example.com", foreign.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("henry@example.com"));

        assertThat(found.isUsable()).isFalse();
        assertThat(reasonFor(found, foreign.certificate())).startsWith("untrusted:");
        assertThat(backend.provider().validate(foreign.certificate(), foreign.chain()))
            .isInstanceOf(TrustVerdict.Untrusted.class);
    }

    @Test
    void ordersSeveralValidCertificatesNewestFirst() {
        Instant now = Instant.now();
        TestIdentity older = PKI.endEntity("ivy@example.com")
            .validity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(300))).issue();
        TestIdentity newest = PKI.endEntity("ivy@example.com")
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300))).issue();
        TestIdentity middle = PKI.endEntity("ivy@example.com").ec()
            .validity(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(300))).issue();
        backend.publish("ivy@example.com", older.certificate(), newest.certificate(), middle.certificate());

        assertThat(found(backend.provider().encryptionCertificates("ivy@example.com")).usable())
            .containsExactly(newest.certificate(), middle.certificate(), older.certificate());
    }

    @Test
    void taggedAddressFallsBackToTheUntaggedOne() {
        TestIdentity jack = PKI.user("jack@example.com");
        backend.publish("jack@example.com", jack.certificate());

        assertThat(found(backend.provider().encryptionCertificates("Jack+Lists@example.com")).usable())
            .containsExactly(jack.certificate());
    }

    @Test
    void domainLevelCertificateServesAddressesWithoutTheirOwn() {
        TestIdentity domain = PKI.endEntity("gateway@partner.example").issue();
        TestIdentity kim = PKI.user("kim@partner.example");
        backend.publish("*@partner.example", domain.certificate());
        backend.publish("kim@partner.example", kim.certificate());

        assertThat(found(backend.provider().encryptionCertificates("lee@partner.example")).usable())
            .containsExactly(domain.certificate());
        assertThat(found(backend.provider().encryptionCertificates("kim@partner.example")).usable())
            .containsExactly(kim.certificate());
        assertThat(backend.provider().encryptionCertificates("lee@elsewhere.example"))
            .isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void aSpecificButUnusableCertificateIsReportedNotReplacedByTheDomainCertificate() {
        TestIdentity domain = PKI.endEntity("gateway@partner.example").issue();
        TestIdentity expired = PKI.endEntity("max@partner.example").expired().issue();
        backend.publish("*@partner.example", domain.certificate());
        backend.publish("max@partner.example", expired.certificate());

        EncryptionCertificates found = found(backend.provider().encryptionCertificates("max@partner.example"));

        assertThat(found.usable()).isEmpty();
        assertThat(found.rejected()).extracting(EncryptionCertificates.Rejection::certificate)
            .containsExactly(expired.certificate());
    }

    @Test
    void choosesAValidSigningKeyAmongSeveral() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity expired = PKI.endEntity("nina@example.com").expired().issue();
        TestIdentity encryptionOnly = PKI.endEntity("nina@example.com").encryptionOnly().issue();
        TestIdentity good = PKI.endEntity("nina@example.com").signingOnly().issue();
        backend.addKeys("nina@example.com", expired, encryptionOnly, good);

        SigningIdentity identity = found(backend.provider().signingIdentity("NINA@example.com"));

        assertThat(identity.certificate()).isEqualTo(good.certificate());
        assertThat(identity.privateKey()).isEqualTo(good.privateKey());
        assertThat(identity.chain()).containsExactly(PKI.intermediateCertificate(), PKI.rootCertificate());
    }

    @Test
    void neverSignsWithARevokedKeyWhileAnotherIsUsable() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity older = PKI.user("rita@example.com");
        TestIdentity revoked = PKI.user("rita@example.com");
        backend.addKeys("rita@example.com", older, revoked);
        backend.addCrl(PKI.crl(revoked.certificate().getSerialNumber()), PKI.intermediateCertificate());

        SigningIdentity identity = found(backend.provider().signingIdentity("rita@example.com"));

        assertThat(identity.certificate()).isEqualTo(older.certificate());
    }

    @Test
    void onlyRevokedSigningKeysMeanNoSigningIdentityWithTheReason() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity revoked = PKI.user("sam@example.com");
        backend.addKeys("sam@example.com", revoked);
        backend.addCrl(PKI.crl(revoked.certificate().getSerialNumber()), PKI.intermediateCertificate());

        Lookup<SigningIdentity> answer = backend.provider().signingIdentity("sam@example.com");

        assertThat(answer).isInstanceOf(Lookup.NotFound.class);
        assertThat(((Lookup.NotFound<SigningIdentity>) answer).reason()).contains("revoked:");
    }

    @Test
    void domainLevelKeySignsForAddressesWithoutTheirOwnKey() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity domain = PKI.endEntity("postmaster@branch.example").issue();
        backend.addKeys("*@branch.example", domain);

        SigningIdentity identity = found(backend.provider().signingIdentity("zoe+sales@branch.example"));

        assertThat(identity.certificate()).isEqualTo(domain.certificate());
        assertThat(backend.provider().signingIdentity("zoe@elsewhere.example")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void noSigningIdentityWhenOnlyUnusableKeysExist() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        backend.addKeys("oscar@example.com", PKI.endEntity("oscar@example.com").encryptionOnly().issue());

        Lookup<SigningIdentity> answer = backend.provider().signingIdentity("oscar@example.com");

        assertThat(answer).isInstanceOf(Lookup.NotFound.class);
        assertThat(((Lookup.NotFound<SigningIdentity>) answer).reason()).contains("digitalSignature");
    }

    @Test
    void findsDecryptionKeysByIssuerAndSerialAndBySubjectKeyIdentifierIncludingOldKeys() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity old = PKI.endEntity("paul@example.com").expired().issue();
        TestIdentity current = PKI.user("paul@example.com");
        TestIdentity other = PKI.user("quinn@example.com");
        backend.addKeys("paul@example.com", old, current);
        backend.addKeys("quinn@example.com", other);

        List<DecryptionKey> byOld = backend.provider().decryptionKeys(new KeySelector.IssuerAndSerial(
            old.certificate().getIssuerX500Principal(), old.certificate().getSerialNumber()));
        List<DecryptionKey> bySki = backend.provider().decryptionKeys(new KeySelector.SubjectKeyId(
            CertificateProfile.subjectKeyIdentifier(current.certificate()).orElseThrow()));
        List<DecryptionKey> byUnknown = backend.provider().decryptionKeys(new KeySelector.IssuerAndSerial(
            STRANGER.intermediateCertificate().getSubjectX500Principal(), old.certificate().getSerialNumber()));

        assertThat(byOld).extracting(DecryptionKey::privateKey).containsExactly(old.privateKey());
        assertThat(bySki).extracting(DecryptionKey::certificate).containsExactly(current.certificate());
        assertThat(byUnknown).isEmpty();
    }

    @Test
    void decryptionKeysOfARecipientAreItsOwnAndItsDomainsButNeverAnotherUsers() {
        assumeTrue(backend.holdsPrivateKeys(), "this backend holds no private keys");
        TestIdentity paul = PKI.user("paul@example.com");
        TestIdentity quinn = PKI.user("quinn@example.com");
        TestIdentity domain = PKI.endEntity("postmaster@example.com").issue();
        backend.addKeys("paul@example.com", paul);
        backend.addKeys("quinn@example.com", quinn);
        backend.addKeys("*@example.com", domain);
        KeySelector paulsKey = new KeySelector.IssuerAndSerial(paul.certificate().getIssuerX500Principal(),
            paul.certificate().getSerialNumber());
        KeySelector domainKey = new KeySelector.SubjectKeyId(
            CertificateProfile.subjectKeyIdentifier(domain.certificate()).orElseThrow());

        assertThat(backend.provider().decryptionKeys(paulsKey, "Paul+news@Example.com"))
            .extracting(DecryptionKey::certificate).containsExactly(paul.certificate());
        assertThat(backend.provider().decryptionKeys(paulsKey, "quinn@example.com")).isEmpty();
        assertThat(backend.provider().decryptionKeys(domainKey, "quinn@example.com"))
            .extracting(DecryptionKey::certificate).containsExactly(domain.certificate());
        assertThat(backend.provider().decryptionKeys(domainKey, "zoe@elsewhere.example")).isEmpty();
        assertThat(backend.provider().decryptionKeys(paulsKey, "not an address")).isEmpty();
    }

    @Test
    void harvestsAVerifiedTrustedCertificateSoLaterMailCanBeEncrypted() {
        TestIdentity rita = PKI.user("rita@example.com");
        backend.prepareHarvest("rita@example.com");

        HarvestOutcome first = backend.provider().harvest(rita.certificate(), rita.chain(), "Rita@example.com", true);
        backend.refresh();
        HarvestOutcome second = backend.provider().harvest(rita.certificate(), rita.chain(), "rita@example.com", true);

        assertThat(first).isEqualTo(new HarvestOutcome.Stored("rita@example.com"));
        assertThat(second).isEqualTo(new HarvestOutcome.AlreadyKnown("rita@example.com"));
        assertThat(found(backend.provider().encryptionCertificates("rita@example.com")).usable())
            .containsExactly(rita.certificate());
    }

    @Test
    void refusesToHarvestWithoutAVerifiedSignatureOrForAnotherAddressOrUnusableForEncryption() {
        TestIdentity sam = PKI.user("sam@example.com");
        TestIdentity expired = PKI.endEntity("sam@example.com").expired().issue();
        TestIdentity tls = PKI.endEntity("sam@example.com").tlsOnly().issue();
        backend.prepareHarvest("sam@example.com");

        assertThat(refusal(backend.provider().harvest(sam.certificate(), sam.chain(), "sam@example.com", false)))
            .contains("not verified");
        assertThat(refusal(backend.provider().harvest(sam.certificate(), sam.chain(), "tom@example.com", true)))
            .contains("not issued for");
        assertThat(refusal(backend.provider().harvest(expired.certificate(), expired.chain(), "sam@example.com",
            true))).contains("expired");
        assertThat(refusal(backend.provider().harvest(tls.certificate(), tls.chain(), "sam@example.com", true)))
            .contains("emailProtection");
        assertThat(backend.provider().encryptionCertificates("sam@example.com")).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void neverLetsAnUntrustedCertificateJoinAnAddressWithATrustedOne() {
        TestIdentity trusted = PKI.user("uma@example.com");
        TestIdentity impostor = STRANGER.user("uma@example.com");
        backend.publish("uma@example.com", trusted.certificate());
        backend.prepareHarvest("uma@example.com");

        HarvestOutcome outcome = backend.provider().harvest(impostor.certificate(), impostor.chain(),
            "uma@example.com", true);
        backend.refresh();

        assertThat(refusal(outcome)).contains("trusted certificate with an untrusted one");
        assertThat(found(backend.provider().encryptionCertificates("uma@example.com")).usable())
            .containsExactly(trusted.certificate());
    }

    @Test
    void refusesToHarvestARevokedCertificate() {
        TestIdentity victor = PKI.user("victor@example.com");
        backend.addCrl(PKI.crl(victor.certificate().getSerialNumber()), PKI.intermediateCertificate());
        backend.prepareHarvest("victor@example.com");

        assertThat(refusal(backend.provider().harvest(victor.certificate(), victor.chain(), "victor@example.com",
            true))).startsWith("revoked:");
    }

    @Test
    void validatesToTheAnchorThroughStoredIntermediates() {
        TestIdentity wendy = PKI.user("wendy@example.com");

        TrustVerdict verdict = backend.provider().validate(wendy.certificate(), List.of());

        assertThat(verdict).isInstanceOf(TrustVerdict.Trusted.class);
        assertThat(((TrustVerdict.Trusted) verdict).anchor()).isEqualTo(PKI.rootCertificate());
    }

    @Test
    void unavailableBackendAnswersUnavailableInsteadOfThrowing() {
        assumeTrue(backend.canBecomeUnavailable(), "this backend cannot go down");
        TestIdentity xena = PKI.user("xena@example.com");
        backend.publish("xena@example.com", xena.certificate());
        assertThat(found(backend.provider().encryptionCertificates("xena@example.com")).isUsable()).isTrue();

        backend.makeUnavailable();

        assertThat(backend.provider().encryptionCertificates("yuri@example.com"))
            .isInstanceOf(Lookup.Unavailable.class);
    }

    static <T> T found(Lookup<T> lookup) {
        assertThat(lookup).isInstanceOf(Lookup.Found.class);
        return ((Lookup.Found<T>) lookup).value();
    }

    static String reasonFor(EncryptionCertificates found, X509Certificate certificate) {
        return found.rejected().stream().filter(r -> r.certificate().equals(certificate))
            .map(EncryptionCertificates.Rejection::reason).findFirst()
            .orElseThrow(() -> new AssertionError("not rejected: " + certificate.getSubjectX500Principal()
                + "; rejected: " + found.rejected()));
    }

    static String refusal(HarvestOutcome outcome) {
        assertThat(outcome).isInstanceOf(HarvestOutcome.Refused.class);
        return ((HarvestOutcome.Refused) outcome).reason();
    }
}
