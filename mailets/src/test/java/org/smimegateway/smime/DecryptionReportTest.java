package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/** What the info headers say about an encryption layer: key transport, unknown ciphers, the decrypted headers. */
class DecryptionReportTest {
    private static final TestPki PKI = TestPki.create("Decryption");
    private static final TestIdentity BOB = PKI.user("bob@gateway.test");
    private static final String UNKNOWN_OID = "1.3.6.1.4.1.99999.1.2";

    private static SmimeDecryptor decryptor() {
        return new SmimeDecryptor(selector -> List.of(BOB.asDecryptionKey()), true);
    }

    private static MimeMessage plain(String entity) throws Exception {
        return MimeEntities.parse(("From: alice@remote.test\r\nTo: bob@gateway.test\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            + entity).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theKeyTransportOfTheOpenedRecipientInfoIsReported() throws Exception {
        for (KeyTransport transport : KeyTransport.values()) {
            MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_CBC, transport)
                .encrypt(plain("Content-Type: text/plain\r\n\r\nhello\r\n"), List.of(BOB.certificate()));

            DecryptOutcome outcome = decryptor().decrypt(MimeEntities.parse(MimeEntities.bytes(encrypted)));

            assertThat(outcome).isInstanceOfSatisfying(DecryptOutcome.Decrypted.class,
                decrypted -> assertThat(decrypted.keyTransport()).isEqualTo(transport.name()));
            assertThat(new SecurityInfoHeaders("X-Smime-").renderEncrypted(SecurityLayer.Encrypted.of(0, outcome), 0))
                .contains(Map.entry("X-Smime-Encryption-Key-Transport-0", transport.name()));
        }
    }

    @Test
    void anUnknownContentEncryptionIsUnsupportedNotLegacy() throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(BOB.certificate()));
        byte[] der = generator.generate(new CMSProcessableByteArray("secret".getBytes(StandardCharsets.US_ASCII)),
            new UnknownCipher()).getEncoded();

        DecryptOutcome outcome = decryptor().decrypt(PeerMessages.opaque(der, "enveloped-data"));

        assertThat(outcome).isEqualTo(new DecryptOutcome.UnsupportedAlgorithm(UNKNOWN_OID));
        assertThat(outcome.reason()).isEqualTo("unsupported content-encryption algorithm " + UNKNOWN_OID);
        assertThat(new SecurityInfoHeaders("X-Smime-").renderEncrypted(SecurityLayer.Encrypted.of(0, outcome), 0))
            .containsExactly(
                Map.entry("X-Smime-Encryption-Algorithm-0", UNKNOWN_OID),
                Map.entry("X-Smime-Decryption-Failed-0", "unsupported content-encryption algorithm " + UNKNOWN_OID),
                Map.entry("X-Smime-Decryption-Reason-0", "unsupported-algorithm"));
    }

    @Test
    void aDecryptedEntityBringingItsOwnMimeVersionKeepsOnlyThatOne() throws Exception {
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES128_GCM, KeyTransport.RSA_PKCS1).encrypt(
            plain("Content-Type: text/plain\r\n\r\nhello\r\n"), List.of(BOB.certificate()));
        byte[] inner = "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        MimeMessage withOwn = MimeEntities.withEntity(encrypted, inner);
        MimeMessage withoutOwn = MimeEntities.withEntity(encrypted, "Content-Type: text/plain\r\n\r\nhi\r\n"
            .getBytes(StandardCharsets.US_ASCII));

        assertThat(MimeEntities.parse(MimeEntities.bytes(withOwn)).getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(MimeEntities.parse(MimeEntities.bytes(withoutOwn)).getHeader("MIME-Version")).containsExactly("1.0");
    }

    /** A content cipher with an OID nobody knows; the "ciphertext" is the plaintext. */
    private static final class UnknownCipher implements OutputEncryptor {
        private final AlgorithmIdentifier algorithm = new AlgorithmIdentifier(new ASN1ObjectIdentifier(UNKNOWN_OID));

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream(OutputStream out) {
            return out;
        }

        @Override
        public GenericKey getKey() {
            return new GenericKey(algorithm, new byte[16]);
        }
    }
}
