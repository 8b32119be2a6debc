package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmimeClassifierTest {
    // Start of a BER SignedData / EnvelopedData / AuthEnvelopedData ContentInfo with indefinite length.
    private static final byte[] SIGNED_DATA_HEAD = {0x30, (byte) 0x80, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02, (byte) 0xA0, (byte) 0x80};
    private static final byte[] ENVELOPED_DATA_HEAD = {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48,
        (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x03, (byte) 0xA0};
    private static final byte[] AUTH_ENVELOPED_DATA_HEAD = {0x30, 0x40, 0x06, 0x0B, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17, (byte) 0xA0};

    static MimeMessage message(String contentType, byte[] body) throws MessagingException {
        String raw = "Subject: test\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
            + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(body) + "\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m | ENVELOPED",
        "application/x-pkcs7-mime; smime-type=\"enveloped-data\" | ENVELOPED",
        "Application/PKCS7-MIME; SMIME-TYPE=Enveloped-Data | ENVELOPED",
        "application/pkcs7-mime; smime-type=authEnveloped-data | AUTH_ENVELOPED",
        "application/pkcs7-mime; smime-type=\"authenveloped-data\" | AUTH_ENVELOPED",
        "application/pkcs7-mime; smime-type=signed-data | OPAQUE_SIGNED",
        "application/x-pkcs7-mime; smime-type=certs-only | CERTS_ONLY",
        "application/pkcs7-mime; smime-type=compressed-data | COMPRESSED",
        "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=b | MULTIPART_SIGNED",
        "multipart/signed; protocol=application/x-pkcs7-signature; boundary=b | MULTIPART_SIGNED",
        "Multipart/Signed; Protocol=\"Application/X-PKCS7-Signature\"; boundary=b | MULTIPART_SIGNED",
        "multipart/signed; protocol=\"application/pgp-signature\"; boundary=b | NONE",
        "text/plain; charset=utf-8 | NONE",
        "application/pkcs7-signature | NONE"
    })
    void recognisesTheContentTypesClientsWrite(String contentType, SmimeKind expected) throws Exception {
        assertThat(SmimeClassifier.classify(message(contentType, new byte[] {1, 2, 3}))).isEqualTo(expected);
    }

    @Test
    void readsFoldedContentTypeHeaders() throws Exception {
        assertThat(SmimeClassifier.classify(message("application/pkcs7-mime;\r\n\tsmime-type=enveloped-data;\r\n"
            + " name=\"smime.p7m\"", new byte[] {1}))).isEqualTo(SmimeKind.ENVELOPED);
    }

    @Test
    void unfoldsLineBreaksFollowedByBlanksAndKeepsEveryOtherCharacter() {
        assertThat(SmimeClassifier.unfold("a;\r\n\tb;\n c")).isEqualTo("a; b; c");
        assertThat(SmimeClassifier.unfold("a\r\r\n b")).isEqualTo("a\r b");
        assertThat(SmimeClassifier.unfold("a\r\n\r\n b")).isEqualTo("a\r\n b");
        assertThat(SmimeClassifier.unfold("a\r\nb\rc\r \n")).isEqualTo("a\r\nb\rc\r \n");
        assertThat(SmimeClassifier.unfold("a\r\n  b\r\n")).isEqualTo("a  b\r\n");
        assertThat(SmimeClassifier.unfold("\n\t")).isEqualTo(" ");
    }

    @Test
    void readsContentTypeHeadersFoldedWithBareLineFeeds() throws Exception {
        assertThat(SmimeClassifier.classify(message("multipart/signed;\n\tprotocol=\"application/pkcs7-signature\";\n"
            + " boundary=b", new byte[] {1}))).isEqualTo(SmimeKind.MULTIPART_SIGNED);
    }

    @Test
    void identifiesTheContentWhenSmimeTypeIsMissing() throws Exception {
        assertThat(SmimeClassifier.classify(message("application/x-pkcs7-mime; name=smime.p7m", SIGNED_DATA_HEAD)))
            .isEqualTo(SmimeKind.OPAQUE_SIGNED);
        assertThat(SmimeClassifier.classify(message("application/pkcs7-mime", ENVELOPED_DATA_HEAD)))
            .isEqualTo(SmimeKind.ENVELOPED);
        assertThat(SmimeClassifier.classify(message("application/pkcs7-mime", AUTH_ENVELOPED_DATA_HEAD)))
            .isEqualTo(SmimeKind.AUTH_ENVELOPED);
        assertThat(SmimeClassifier.classify(message("application/pkcs7-mime", "not der".getBytes(StandardCharsets.US_ASCII))))
            .isEqualTo(SmimeKind.UNKNOWN_PKCS7);
    }

    @Test
    void aPkcs7BodyUnderAnUnknownTransferEncodingIsOfNoKnownKindNotAnException() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
            "Subject: odd\r\nContent-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: x-unheard-of\r\n\r\n"
                + "MIAGCSqGSIb3DQEHA6CAMIACAQAx\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(SmimeClassifier.classify(message)).isEqualTo(SmimeKind.UNKNOWN_PKCS7);
    }
}
