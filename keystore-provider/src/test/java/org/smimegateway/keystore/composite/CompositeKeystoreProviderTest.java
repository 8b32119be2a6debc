package org.smimegateway.keystore.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.TrustVerdict;

class CompositeKeystoreProviderTest {
    private static final TestPki PKI = TestPki.create("Composite");
    private static final TestIdentity ALICE = PKI.user("alice@example.com");
    private static final TestIdentity ALICE_OLD = PKI.endEntity("alice@example.com").expired().issue();

    @Test
    void theFirstSourceWithCertificatesWins() {
        Fixed first = new Fixed().nothing();
        Fixed second = new Fixed().usable(ALICE.certificate());
        Fixed third = new Fixed().usable(PKI.user("alice@example.com").certificate());

        Lookup<EncryptionCertificates> answer = composite(first, second, third).encryptionCertificates("alice@x");

        assertThat(((Lookup.Found<EncryptionCertificates>) answer).value().usable())
            .containsExactly(ALICE.certificate());
        assertThat(third.asked.get()).isZero();
    }

    @Test
    void aSourceWithOnlyInvalidCertificatesStopsTheSearch() {
        Fixed first = new Fixed().rejectedOnly(ALICE_OLD.certificate());
        Fixed second = new Fixed().usable(ALICE.certificate());

        Lookup<EncryptionCertificates> answer = composite(first, second).encryptionCertificates("alice@x");

        EncryptionCertificates value = ((Lookup.Found<EncryptionCertificates>) answer).value();
        assertThat(value.usable()).isEmpty();
        assertThat(value.rejected()).hasSize(1);
        assertThat(second.asked.get()).isZero();
    }

    @Test
    void anUnavailableSourceStopsTheSearchAsUnavailable() {
        Fixed first = new Fixed().unavailable();
        Fixed second = new Fixed().usable(ALICE.certificate());

        assertThat(composite(first, second).encryptionCertificates("alice@x")).isInstanceOf(Lookup.Unavailable.class);
        assertThat(second.asked.get()).isZero();
    }

    @Test
    void nobodyHavingCertificatesIsNotFoundWithEverySourcesReason() {
        Lookup<EncryptionCertificates> answer = composite(new Fixed().nothing(), new Fixed().nothing())
            .encryptionCertificates("alice@x");

        assertThat(((Lookup.NotFound<EncryptionCertificates>) answer).reason()).isEqualTo("none here; none here");
    }

    @Test
    void decryptionKeysOfAllSourcesAreOffered() {
        Fixed first = new Fixed().key(ALICE);
        Fixed second = new Fixed().key(ALICE_OLD);

        List<DecryptionKey> keys = composite(first, second).decryptionKeys(new KeySelector.SubjectKeyId(new byte[1]));

        assertThat(keys).extracting(DecryptionKey::certificate)
            .containsExactly(ALICE.certificate(), ALICE_OLD.certificate());
    }

    @Test
    void decryptionKeysOfARecipientComeFromEverySourceAndOnlyForThatRecipient() {
        Fixed first = new Fixed().key(ALICE);
        Fixed second = new Fixed().key(ALICE_OLD);
        KeySelector any = new KeySelector.SubjectKeyId(new byte[1]);

        assertThat(composite(first, second).decryptionKeys(any, "alice@example.com"))
            .extracting(DecryptionKey::certificate).containsExactly(ALICE.certificate(), ALICE_OLD.certificate());
        assertThat(composite(first, second).decryptionKeys(any, "mallory@example.com")).isEmpty();
    }

    @Test
    void revokedInAnySourceIsRevoked() {
        Fixed trusting = new Fixed().verdict(new TrustVerdict.Trusted(List.of(), PKI.rootCertificate()));
        Fixed revoking = new Fixed().verdict(new TrustVerdict.Revoked(ALICE.certificate(), "crl"));

        assertThat(composite(trusting, revoking).validate(ALICE.certificate(), List.of()))
            .isInstanceOf(TrustVerdict.Revoked.class);
    }

    @Test
    void harvestGoesToTheTargetOnlyAndUntrustedCannotJoinATrustedAddress() {
        Fixed directory = new Fixed().usable(ALICE.certificate())
            .verdict(new TrustVerdict.Untrusted("unknown issuer"));
        Fixed local = new Fixed().nothing().verdict(new TrustVerdict.Untrusted("unknown issuer"));
        CompositeKeystoreProvider composite = new CompositeKeystoreProvider(List.of(directory, local), local);

        HarvestOutcome outcome = composite.harvest(PKI.user("alice@example.com").certificate(), List.of(),
            "alice@example.com", true);

        assertThat(outcome).isInstanceOf(HarvestOutcome.Refused.class);
        assertThat(local.harvested.get()).isZero();
    }

    private static CompositeKeystoreProvider composite(KeystoreProvider... sources) {
        return new CompositeKeystoreProvider(List.of(sources), sources[0]);
    }

    /** A source with canned answers that counts how often it is asked. */
    private static final class Fixed implements KeystoreProvider {
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger harvested = new AtomicInteger();
        private Lookup<EncryptionCertificates> certificates = Lookup.notFound("none here");
        private List<DecryptionKey> keys = List.of();
        private TrustVerdict verdict = new TrustVerdict.Untrusted("none");

        Fixed nothing() {
            certificates = Lookup.notFound("none here");
            return this;
        }

        Fixed usable(X509Certificate certificate) {
            certificates = Lookup.found(new EncryptionCertificates(List.of(certificate), List.of()));
            return this;
        }

        Fixed rejectedOnly(X509Certificate certificate) {
            certificates = Lookup.found(new EncryptionCertificates(List.of(),
                List.of(new EncryptionCertificates.Rejection(certificate, "expired"))));
            return this;
        }

        Fixed unavailable() {
            certificates = Lookup.unavailable("down");
            return this;
        }

        Fixed key(TestIdentity identity) {
            keys = List.of(identity.asDecryptionKey());
            return this;
        }

        Fixed verdict(TrustVerdict value) {
            verdict = value;
            return this;
        }

        @Override
        public Lookup<SigningIdentity> signingIdentity(String senderAddress) {
            return Lookup.notFound("no keys");
        }

        @Override
        public Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress) {
            asked.incrementAndGet();
            return certificates;
        }

        @Override
        public List<DecryptionKey> decryptionKeys(KeySelector selector) {
            return keys;
        }

        @Override
        public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates) {
            return verdict;
        }

        @Override
        public HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain,
                                      String fromAddress, boolean signatureVerified) {
            harvested.incrementAndGet();
            return new HarvestOutcome.Stored(fromAddress);
        }
    }
}
