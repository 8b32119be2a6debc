package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.addresses;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.mail;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.mail.MessagingException;

import org.apache.mailet.AttributeName;
import org.apache.mailet.base.test.FakeMail;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.trust.TrustVerdict;
import org.smimegateway.policy.SecurityAttributes;

class RecipientHasEncryptionCertificateTest {
    private static X509Certificate bobsCertificate;
    private final String name = "test-" + System.nanoTime();
    private KeystoreProvider registered;

    @BeforeAll
    static void issueCertificate() throws Exception {
        // Any certificate will do: the matcher only reports what the keystore decided.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=Bob,E=bob@partner.example");
        Instant now = Instant.now();
        bobsCertificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
            BigInteger.valueOf(0xB0B), Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @AfterEach
    void unregister() {
        if (registered != null) {
            KeystoreProviderRegistry.unregister(name, registered);
        }
    }

    private void register(Function<String, Lookup<EncryptionCertificates>> answers) {
        registered = new AnsweringProvider(answers);
        KeystoreProviderRegistry.register(name, registered);
    }

    private RecipientHasEncryptionCertificate matcher() throws MessagingException {
        return init(new RecipientHasEncryptionCertificate(), "RecipientHasEncryptionCertificate", "keystore=" + name);
    }

    @Test
    void returnsExactlyTheRecipientsWithAUsableCertificateSoJamesSplitsTheMail() throws Exception {
        Map<String, Lookup<EncryptionCertificates>> answers = Map.of(
            "bob@partner.example", Lookup.found(new EncryptionCertificates(List.of(bobsCertificate), List.of())),
            "carol@partner.example", Lookup.found(new EncryptionCertificates(List.of(),
                List.of(new EncryptionCertificates.Rejection(bobsCertificate, "expired")))));
        register(address -> answers.getOrDefault(address, Lookup.notFound("no entry in the directory")));
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example", "carol@partner.example", "dan@other.example");

        assertThat(addresses(matcher().match(mail))).containsExactly("bob@partner.example");
        assertThat(DecisionTrace.lines(mail)).satisfiesExactly(
            bob -> assertThat(bob).contains("bob@partner.example: matched, 1 usable certificate(s)").contains("serial b0b"),
            carol -> assertThat(carol).contains("carol@partner.example: not matched, no usable certificate; rejected: expired"),
            dan -> assertThat(dan).contains("dan@other.example: not matched, no certificate: no entry in the directory"));
        assertThat(mail.getAttribute(AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE))).isEmpty();
    }

    @Test
    void neverMatchesWhenTheKeystoreIsUnavailableAndNamesTheRecipientsToHold() throws Exception {
        register(address -> Lookup.unavailable("LDAP timeout"));
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example");

        assertThat(matcher().match(mail)).isEmpty();
        assertThat(DecisionTrace.lines(mail)).singleElement().asString().endsWith("keystore unavailable: LDAP timeout");
        assertThat(unavailable(mail)).containsExactly("bob@partner.example");
    }

    @Test
    void letsTheUnavailableRecipientsBeHeldAfterJamesSplitTheMail() throws Exception {
        register(address -> address.startsWith("bob")
            ? Lookup.found(new EncryptionCertificates(List.of(bobsCertificate), List.of()))
            : address.startsWith("carol") ? Lookup.unavailable("LDAP timeout") : Lookup.notFound("none"));
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example", "carol@partner.example", "dan@x.example");
        matcher().match(mail);
        RecipientKeystoreUnavailable held = init(new RecipientKeystoreUnavailable(), "RecipientKeystoreUnavailable", null);

        assertThat(addresses(held.match(mail))).containsExactly("carol@partner.example");
        FakeMail encryptedPart = FakeMail.builder().name("split").recipients("bob@partner.example")
            .attributes(List.copyOf(mail.attributes().toList())).build();
        assertThat(held.match(encryptedPart)).isEmpty();
    }

    @Test
    void aRetryOnceTheDirectoryAnswersClearsTheMarkerSoTheMailIsNotHeldAgain() throws Exception {
        boolean[] directoryUp = {false};
        register(address -> directoryUp[0]
            ? Lookup.found(new EncryptionCertificates(List.of(bobsCertificate), List.of()))
            : Lookup.unavailable("LDAP timeout"));
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example");
        RecipientHasEncryptionCertificate matcher = matcher();
        RecipientKeystoreUnavailable held = init(new RecipientKeystoreUnavailable(), "RecipientKeystoreUnavailable", null);
        matcher.match(mail);
        assertThat(addresses(held.match(mail))).containsExactly("bob@partner.example");

        directoryUp[0] = true;

        assertThat(addresses(matcher.match(mail))).containsExactly("bob@partner.example");
        assertThat(mail.getAttribute(AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE))).isEmpty();
        assertThat(held.match(mail)).isEmpty();
        assertThat(DecisionTrace.lines(mail)).satisfiesExactly(
            first -> assertThat(first).endsWith("keystore unavailable: LDAP timeout"),
            retry -> assertThat(retry).contains("bob@partner.example: matched, 1 usable certificate(s)"));
    }

    @Test
    void aRetryKeepsOnlyTheRecipientsWhoseLookupStillFails() throws Exception {
        boolean[] bobsServerUp = {false};
        register(address -> address.startsWith("bob") && bobsServerUp[0] ? Lookup.notFound("no entry in the directory")
            : Lookup.unavailable("LDAP timeout"));
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example", "carol@partner.example");
        RecipientHasEncryptionCertificate matcher = matcher();
        matcher.match(mail);
        assertThat(unavailable(mail)).containsExactlyInAnyOrder("bob@partner.example", "carol@partner.example");

        bobsServerUp[0] = true;
        matcher.match(mail);

        assertThat(unavailable(mail)).containsExactly("carol@partner.example");
    }

    @Test
    void dropsMarkerEntriesForAddressesThatAreNoLongerRecipients() throws Exception {
        register(address -> Lookup.unavailable("LDAP timeout"));
        FakeMail mail = mail("alice@corp.example", "hi", "carol@partner.example");
        mail.setAttribute(new org.apache.mailet.Attribute(AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE),
            org.apache.mailet.AttributeValue.of(List.of(org.apache.mailet.AttributeValue.of("bob@partner.example")))));

        matcher().match(mail);

        assertThat(unavailable(mail)).containsExactly("carol@partner.example");
    }

    @Test
    void treatsAFailingProviderAsUnavailable() throws Exception {
        register(address -> {
            throw new IllegalStateException("bug");
        });
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example");

        assertThat(matcher().match(mail)).isEmpty();
        assertThat(unavailable(mail)).containsExactly("bob@partner.example");
    }

    @Test
    void treatsAMissingProviderAsUnavailable() throws Exception {
        FakeMail mail = mail("alice@corp.example", "hi", "bob@partner.example");

        assertThat(matcher().match(mail)).isEmpty();
        assertThat(DecisionTrace.lines(mail)).singleElement().asString()
            .contains("keystore unavailable: no keystore provider is registered as '" + name + "'");
    }

    @Test
    void refusesAMainArgumentOrUnknownOption() {
        assertThatThrownBy(() -> init(new RecipientHasEncryptionCertificate(), "RecipientHasEncryptionCertificate", "ldap"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'ldap' where an option key=value is expected");
        assertThatThrownBy(() -> init(new RecipientHasEncryptionCertificate(), "RecipientHasEncryptionCertificate", "store=x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("accepted options: keystore, policy");
    }

    private static List<String> unavailable(FakeMail mail) {
        Object value = mail.getAttribute(AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE)).orElseThrow()
            .getValue().value();
        return ((Collection<?>) value).stream()
            .map(item -> String.valueOf(((org.apache.mailet.AttributeValue<?>) item).value())).toList();
    }

    /** Answers certificate lookups only; the matcher must ask nothing else. */
    private record AnsweringProvider(Function<String, Lookup<EncryptionCertificates>> answers) implements KeystoreProvider {
        @Override
        public Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress) {
            return answers.apply(recipientAddress);
        }

        @Override
        public Lookup<SigningIdentity> signingIdentity(String senderAddress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DecryptionKey> decryptionKeys(KeySelector selector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain, String fromAddress,
                                      boolean signatureVerified) {
            throw new UnsupportedOperationException();
        }
    }
}
