package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.keystore.trust.TrustVerdict;

/** The verdict vocabulary: trust verdicts told apart for the reader, severity, stable codes. */
class SmimeVerdictTest {
    private static final TestPki PKI = TestPki.create("Verdicts");

    @Test
    void anUntrustedCertificatePastItsEndIsReportedExpiredWithTheDate() {
        TestIdentity dave = PKI.endEntity("dave@remote.test").expired().issue();
        Instant notAfter = dave.certificate().getNotAfter().toInstant();

        Optional<SmimeVerdict> verdict = SmimeVerdict.ofTrust(new TrustVerdict.Untrusted("validity"),
            Optional.of(dave.certificate()), notAfter.plus(Duration.ofDays(1)));

        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.reason()).isEqualTo(VerdictReason.CERTIFICATE_EXPIRED);
            assertThat(v.sentence()).isEqualTo("the signer's certificate expired on " + notAfter.toString().substring(0, 10));
            assertThat(v.detail()).isEqualTo("validity");
        });
    }

    @Test
    void anUntrustedCertificateBeforeItsStartIsReportedNotYetValid() {
        TestIdentity dave = PKI.user("dave@remote.test");
        Instant notBefore = dave.certificate().getNotBefore().toInstant();

        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Untrusted("x"), Optional.of(dave.certificate()),
            notBefore.minusSeconds(86_400 * 2))).map(SmimeVerdict::sentence)
            .hasValue("the signer's certificate is only valid from " + notBefore.toString().substring(0, 10));
    }

    @Test
    void anUntrustedCertificateInItsValidityIsAnUntrustedIssuer() {
        TestIdentity dave = PKI.user("dave@remote.test");

        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Untrusted("no path"), Optional.of(dave.certificate()),
            Instant.now())).map(SmimeVerdict::reason).hasValue(VerdictReason.ISSUER_UNTRUSTED);
    }

    @Test
    void aRevokedIssuerIsToldApartFromARevokedSigner() {
        TestIdentity dave = PKI.user("dave@remote.test");

        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Revoked(PKI.intermediateCertificate(), "keyCompromise"),
            Optional.of(dave.certificate()), Instant.now())).map(SmimeVerdict::sentence)
            .hasValue("the certificate of the authority that issued the signer's certificate has been revoked");
        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Revoked(dave.certificate(), "keyCompromise"),
            Optional.of(dave.certificate()), Instant.now())).map(SmimeVerdict::sentence)
            .hasValue("the signer's certificate has been revoked");
    }

    @Test
    void revocationUnknownIsATemporaryError() {
        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Unknown("CRL unreachable"), Optional.empty(), Instant.now()))
            .map(SmimeVerdict::result).hasValue(SmimeResult.TEMPERROR);
        assertThat(SmimeVerdict.ofTrust(new TrustVerdict.Trusted(List.of(), PKI.rootCertificate()), Optional.empty(),
            Instant.now())).isEmpty();
    }

    @Test
    void theWorstVerdictWinsAndPolicyOutranksATemporaryError() {
        SmimeVerdict temporary = SmimeVerdict.revocationUnknown("");
        SmimeVerdict notAuthor = SmimeVerdict.signerNotAuthor(List.of("a@x.test"), List.of("b@x.test"));
        SmimeVerdict altered = SmimeVerdict.contentAltered("");

        assertThat(SmimeVerdict.worst(Stream.of(temporary, notAuthor))).hasValue(notAuthor);
        assertThat(SmimeVerdict.worst(Stream.of(temporary, notAuthor, altered, SmimeVerdict.ok(List.of())))).hasValue(altered);
        assertThat(SmimeVerdict.worst(Stream.of(SmimeVerdict.issuerUntrusted(""), notAuthor)))
            .map(SmimeVerdict::reason).hasValue(VerdictReason.ISSUER_UNTRUSTED);
    }

    @Test
    void codesAreUniqueLowerCaseTokensThatFindTheirReason() {
        assertThat(Arrays.stream(VerdictReason.values()).map(VerdictReason::code))
            .doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(-[a-z]+)*"));
        for (VerdictReason reason : VerdictReason.values()) {
            assertThat(VerdictReason.ofCode(reason.code())).hasValue(reason);
        }
    }

    @Test
    void longListsAndNamesFromOutsideAreCutShort() {
        List<String> authors = List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test", "e@x.test", "f@x.test", "g@x.test");

        assertThat(SmimeVerdict.signerNotAuthor(List.of("a@x.test"), authors).sentence())
            .isEqualTo("signed by a@x.test, but From shows a@x.test, b@x.test, c@x.test, d@x.test, e@x.test and 2 more");
        assertThat(SmimeVerdict.displayNameMismatch("n".repeat(5000) + "@x.test", "m@e.test").sentence())
            .hasSize("From shows the name \"".length() + 100 + "...\", but the address is m@e.test".length());
    }

    @Test
    void sentencesStayOnOneLine() {
        assertThat(SmimeVerdict.displayNameMismatch("ceo\r\nX-Smime-Signer-Trusted-0-0: True", "m@e.test").sentence())
            .doesNotContain("\r").doesNotContain("\n");
        assertThat(SmimeVerdict.displayNameMismatch("ceo\u0000\tboss", "m@e.test").sentence())
            .isEqualTo("From shows the name \"ceo boss\", but the address is m@e.test");
    }
}
