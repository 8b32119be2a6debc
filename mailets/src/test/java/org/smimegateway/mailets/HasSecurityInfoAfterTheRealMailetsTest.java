package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.matchers.HasSecurityInfo;
import org.smimegateway.policy.SecurityAttributes;

/**
 * HasSecurityInfo judged on the attributes exactly as the real mailets leave them: SmimeVerify stamps every mail it
 * sees, plaintext included, so the matcher must tell "looked at" from "had S/MIME layers".
 */
class HasSecurityInfoAfterTheRealMailetsTest {
    private static final String ALICE = "alice@gateway.test";
    private static final String BOB = "bob@gateway.test";
    private static final TestPki PKI = TestPki.create("Layers");

    @TempDir
    static Path dir;
    private static Path keystore;

    @BeforeAll
    static void writeKeystore() throws Exception {
        TestIdentity alice = PKI.user(ALICE);
        TestIdentity bob = PKI.user(BOB);
        keystore = KeystoreFiles.write(dir, PKI, List.of(alice, bob), List.of(bob));
    }

    private static <M extends GenericMailet> M mailet(M mailet, String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailet.getClass().getSimpleName())
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("keystore", keystore.toString())
            .setProperty("keystoreName", "layers-test");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static SmimeVerify verify() throws MessagingException {
        return mailet(new SmimeVerify(), "authservId", "gateway.test");
    }

    private static HasSecurityInfo matcher() throws MessagingException {
        HasSecurityInfo matcher = new HasSecurityInfo();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasSecurityInfo")
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    private static FakeMail plainMail() throws MessagingException {
        // Parsed from bytes, as James hands messages over (the engine streams the raw content).
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
            "From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: figures\r\nMessage-ID: <" + System.nanoTime() + "@test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nQuarterly figures: 42.\r\n")
            .getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m1").sender(ALICE).recipient(BOB).mimeMessage(message).build();
    }

    private static Object attribute(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(a -> a.getValue()).map(AttributeValue::value).orElse(null);
    }

    @Test
    void plaintextThatSmimeVerifyStampedDoesNotMatch() throws Exception {
        FakeMail mail = plainMail();

        verify().service(mail);

        // The premise of the bug: the flags are present, just false.
        assertThat(attribute(mail, SecurityAttributes.SIGNED)).isEqualTo(false);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(false);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(false);
        assertThat(matcher().match(mail)).isEmpty();
    }

    @Test
    void signedMailThatSmimeVerifyCheckedMatches() throws Exception {
        FakeMail mail = plainMail();

        mailet(new SmimeSign()).service(mail);
        verify().service(mail);

        assertThat(attribute(mail, SecurityAttributes.SIGNED)).isEqualTo(true);
        assertThat(matcher().match(mail)).extracting(Object::toString).containsExactly(BOB);
    }

    @Test
    void encryptedMailThatSmimeDecryptOpenedMatchesThoughItCarriedNoSignature() throws Exception {
        FakeMail mail = plainMail();

        mailet(new SmimeEncrypt(), "noCertificateProcessor", "outgoing").service(mail);
        mailet(new SmimeDecrypt(), "authservId", "gateway.test").service(mail);
        verify().service(mail);

        assertThat(attribute(mail, SecurityAttributes.DECRYPTED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNED)).isEqualTo(false);
        assertThat(matcher().match(mail)).extracting(Object::toString).containsExactly(BOB);
    }
}
