package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.message;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMatcher;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class SmimeStructureMatchersTest {
    private static final String ENVELOPED = "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m";
    private static final String AUTH_ENVELOPED = "application/x-pkcs7-mime; smime-type=\"authEnveloped-data\"";
    private static final String OPAQUE_SIGNED = "application/x-pkcs7-mime; smime-type=signed-data";
    private static final String CLEAR_SIGNED = "multipart/signed; protocol=application/x-pkcs7-signature; boundary=b";
    private static final String PGP_SIGNED = "multipart/signed; protocol=\"application/pgp-signature\"; boundary=b";
    private static final String PLAIN = "text/plain";

    private static FakeMail mailWith(String contentType) throws MessagingException {
        return FakeMail.builder().name("m").mimeMessage(message("Subject: s\r\nContent-Type: " + contentType + "\r\n"))
            .recipients("a@corp.example", "b@corp.example").build();
    }

    private static boolean matches(GenericMatcher matcher, String contentType) throws MessagingException {
        return !matcher.match(mailWith(contentType)).isEmpty();
    }

    @Test
    void recognisesClearAndOpaqueSignaturesButNotPgpOrPlainText() throws Exception {
        IsSmimeSigned matcher = init(new IsSmimeSigned(), "IsSmimeSigned", null);

        assertThat(matcher.match(mailWith(CLEAR_SIGNED))).hasSize(2);
        assertThat(matches(matcher, OPAQUE_SIGNED)).isTrue();
        assertThat(matches(matcher, PGP_SIGNED)).isFalse();
        assertThat(matches(matcher, ENVELOPED)).isFalse();
        assertThat(matches(matcher, PLAIN)).isFalse();
    }

    @Test
    void countsEnvelopedAndAuthEnvelopedAsEncrypted() throws Exception {
        IsSmimeEncrypted matcher = init(new IsSmimeEncrypted(), "IsSmimeEncrypted", null);

        assertThat(matches(matcher, ENVELOPED)).isTrue();
        assertThat(matches(matcher, AUTH_ENVELOPED)).isTrue();
        assertThat(matches(matcher, OPAQUE_SIGNED)).isFalse();
        assertThat(matches(matcher, PLAIN)).isFalse();
    }

    @Test
    void recognisesOnlyAuthEnvelopedDataAsAuthEnveloped() throws Exception {
        IsSmimeAuthEnveloped matcher = init(new IsSmimeAuthEnveloped(), "IsSmimeAuthEnveloped", null);

        assertThat(matches(matcher, AUTH_ENVELOPED)).isTrue();
        assertThat(matches(matcher, ENVELOPED)).isFalse();
    }

    @Test
    void refusesACondition() {
        assertThatThrownBy(() -> init(new IsSmimeSigned(), "IsSmimeSigned", "strict"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsSmimeSigned");
    }
}
