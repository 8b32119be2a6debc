package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.Corpus;
import org.smimegateway.smime.MimeEntities;

/**
 * SmimeDecrypt on Thunderbird's encrypted-then-signed and signed-encrypted-signed mail, with Bob's key in a file
 * keystore: the envelope below the signatures is opened and delivered decrypted, the signatures taken off are stamped
 * as covering only the ciphertext, and SmimeVerify after it counts levels from below them.
 */
class SmimeDecryptBelowSignaturesTest {
    private static final String PLAINTEXT = "This is a test message from Alice to Bob.";

    @TempDir
    Path dir;

    private Path keystore() throws Exception {
        Path config = dir.resolve("keystore.xml");
        if (Files.exists(config)) {
            return config;
        }
        Path store = dir.resolve("store");
        Files.createDirectories(store.resolve("keys"));
        Files.createDirectories(store.resolve("anchors"));
        Files.copy(Corpus.thunderbird("Bob.p12"), store.resolve("keys/bob.p12"));
        Files.writeString(store.resolve("keys/bob.pass"), "nss");
        Files.copy(Corpus.thunderbird("TestCA.pem"), store.resolve("anchors/TestCA.pem"));
        return Files.writeString(config, """
            <keystore>
                <revocation failMode="soft" fetchDistributionPoints="false"/>
                <file name="local">
                    <directory>store</directory>
                    <rescanInterval>0s</rescanInterval>
                </file>
            </keystore>
            """);
    }

    private <T extends GenericMailet> T init(T mailet) throws Exception {
        mailet.init(FakeMailetConfig.builder()
            .mailetName(mailet.getClass().getSimpleName())
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("keystore", keystore().toString())
            .setProperty("authservId", "gw.test")
            .build());
        return mailet;
    }

    private static FakeMail mail(Path file, String recipient) throws Exception {
        return FakeMail.builder().name("m").sender("alice@example.com").recipient(recipient)
            .mimeMessage(MimeEntities.parse(Files.readAllBytes(file))).build();
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Optional<Object> attribute(FakeMail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(Attribute::getValue).map(AttributeValue::value);
    }

    private static Path manual(String file) {
        return Corpus.root().resolve("releases-comm-central/mailnews/test/data/smime-manual").resolve(file);
    }

    @Test
    void encryptedThenOpaqueSignedMailIsDeliveredDecryptedWithTheSignatureStampedAsCoveringCiphertext() throws Exception {
        FakeMail mail = mail(Corpus.thunderbird("alice.env.sig.SHA256.opaque.eml"), "bob@example.com");

        init(new SmimeDecrypt()).service(mail);

        MimeMessage message = mail.getMessage();
        assertThat(message.getContentType()).startsWith("text/plain");
        assertThat(text(message)).contains(PLAINTEXT).doesNotContain("pkcs7");
        assertThat(message.getHeader("X-Smime-Signer-Verified-0-0", null)).isEqualTo("True");
        assertThat(message.getHeader("X-Smime-Signer-Trusted-0-0", null)).isEqualTo("False");
        assertThat(message.getHeader("X-Smime-Signer-Trusted-Info-0-0", null))
            .startsWith("signature covers only the encrypted content inside it");
        assertThat(message.getHeader("X-Smime-Encryption-Algorithm-1", null)).isNotBlank();
        assertThat(message.getHeader("X-Smime-Encryption-Algorithm-0")).isNull();
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).contains(true);
        assertThat(attribute(mail, SmimeDecrypt.DECRYPTED_LAYERS)).contains(2);
        // What is delivered is unsigned plaintext: SmimeVerify says so, the signature's own headers tell the rest.
        init(new SmimeVerify()).service(mail);
        assertThat(mail.getMessage().getHeader("Authentication-Results", null)).isEqualTo("gw.test; smime=none");
        assertThat(mail.getMessage().getHeader("X-Smime-Signer-Verified-0-0", null)).isEqualTo("True");
    }

    @Test
    void signedEncryptedSignedMailIsDeliveredDecryptedAndTheInnerSignatureVerifies() throws Exception {
        FakeMail mail = mail(manual("alice.dsig.SHA256.multipart.env.dsig.eml"), "bob@example.com");

        init(new SmimeDecrypt()).service(mail);
        init(new SmimeVerify()).service(mail);

        MimeMessage message = mail.getMessage();
        assertThat(message.getContentType()).startsWith("multipart/signed");
        assertThat(text(message)).contains(PLAINTEXT).doesNotContain("enveloped-data");
        // Level 0: the outer signature (its envelope was swapped after signing), 1: the envelope, 2: Alice's.
        assertThat(message.getHeader("X-Smime-Signer-Verified-0-0", null)).isEqualTo("False");
        assertThat(message.getHeader("X-Smime-Encryption-Algorithm-1", null)).isNotBlank();
        assertThat(message.getHeader("X-Smime-Signer-Verified-0-2", null)).isEqualTo("True");
        assertThat(message.getHeader("Authentication-Results", null)).contains("smime=")
            .contains("body.smime-identifier=alice@example.com");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).contains(true);
    }

    @Test
    void anEnvelopeBelowASignatureForSomeoneElseLeavesTheMailSigned() throws Exception {
        Path file = Corpus.thunderbird("alice.env.sig.SHA256.opaque.eml");
        FakeMail mail = mail(file, "carol@example.com");

        init(new SmimeDecrypt()).service(mail);

        MimeMessage message = mail.getMessage();
        assertThat(message.getContentType()).contains("signed-data");
        assertThat(message.getHeader("X-Smime-Decryption-Failed-1", null)).startsWith("no private key");
        assertThat(message.getHeader("X-Smime-Signer-Verified-0-0")).isNull();
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).contains(false);
        assertThat(attribute(mail, SmimeDecrypt.DECRYPTED_LAYERS)).contains(0);
    }

    @Test
    void signedMailWithoutAnEnvelopeIsLeftAlone() throws Exception {
        FakeMail mail = mail(Corpus.thunderbird("alice.dsig.SHA256.multipart.eml"), "bob@example.com");
        String before = text(mail.getMessage());

        init(new SmimeDecrypt()).service(mail);

        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(attribute(mail, SecurityAttributes.ENCRYPTED)).isEmpty();
    }

    @Test
    void anEnvelopeInsideMultipartMixedBelowASignatureIsNotOpened() throws Exception {
        FakeMail mail = mail(manual("alice.env.mixed.dsig.SHA256.multipart.eml"), "bob@example.com");
        String before = text(mail.getMessage());

        init(new SmimeDecrypt()).service(mail);

        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEmpty();
    }
}
