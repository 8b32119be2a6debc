package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.message;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

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

    /** The first bytes of a BER ContentInfo of the given content type OID, as S/MIME clients write them. */
    private static final byte[] ENVELOPED_HEAD = {0x30, (byte) 0x80, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x07, 0x03, (byte) 0xA0, (byte) 0x80, 0x30, (byte) 0x80, 0x02, 0x01, 0x00};
    private static final byte[] AUTH_ENVELOPED_HEAD = {0x30, (byte) 0x80, 0x06, 0x0B, 0x2A, (byte) 0x86, 0x48,
        (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17, (byte) 0xA0, (byte) 0x80, 0x30, (byte) 0x80};

    private static FakeMail mailWith(String contentType) throws MessagingException {
        return FakeMail.builder().name("m").mimeMessage(message("Subject: s\r\nContent-Type: " + contentType + "\r\n"))
            .recipients("a@corp.example", "b@corp.example").build();
    }

    private static FakeMail mailWith(String contentType, byte[] body) throws MessagingException {
        String raw = "Subject: s\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
            + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(body) + "\r\n";
        return FakeMail.builder().name("m").mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))))
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

        assertThat(matcher.match(mailWith(ENVELOPED, ENVELOPED_HEAD))).hasSize(2);
        assertThat(matcher.match(mailWith(AUTH_ENVELOPED, AUTH_ENVELOPED_HEAD))).hasSize(2);
        assertThat(matches(matcher, OPAQUE_SIGNED)).isFalse();
        assertThat(matches(matcher, PLAIN)).isFalse();
    }

    @Test
    void plaintextLabelledEncryptedIsNotEncrypted() throws Exception {
        IsSmimeEncrypted matcher = init(new IsSmimeEncrypted(), "IsSmimeEncrypted", null);

        // Mail that skips encryption on this match must really be ciphertext, not plaintext with the label.
        assertThat(matches(matcher, ENVELOPED)).isFalse();
        assertThat(matcher.match(mailWith(ENVELOPED, "Hello, in the clear.\r\n".getBytes(StandardCharsets.US_ASCII))))
            .isEmpty();
        assertThat(matcher.match(mailWith(ENVELOPED, AUTH_ENVELOPED_HEAD))).isEmpty();
    }

    @Test
    void recognisesOnlyAuthEnvelopedDataAsAuthEnveloped() throws Exception {
        IsSmimeAuthEnveloped matcher = init(new IsSmimeAuthEnveloped(), "IsSmimeAuthEnveloped", null);

        assertThat(matcher.match(mailWith(AUTH_ENVELOPED, AUTH_ENVELOPED_HEAD))).hasSize(2);
        assertThat(matcher.match(mailWith(ENVELOPED, ENVELOPED_HEAD))).isEmpty();
        assertThat(matches(matcher, AUTH_ENVELOPED)).isFalse();
    }

    @Test
    void refusesACondition() {
        assertThatThrownBy(() -> init(new IsSmimeSigned(), "IsSmimeSigned", "strict"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsSmimeSigned");
    }
}
