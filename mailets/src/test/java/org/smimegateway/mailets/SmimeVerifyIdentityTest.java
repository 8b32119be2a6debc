package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.headers;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.DigestAlgorithm;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SignFormat;
import org.smimegateway.smime.SignatureScheme;
import org.smimegateway.smime.SmimeSigner;

/**
 * {@code SmimeVerify} against the identity rules: a valid, trusted signature passes only when its certificate
 * covers every author the message shows, and odd author fields get a verdict, never an exception.
 */
class SmimeVerifyIdentityTest {
    private static final String BODY = "Signed by Dave.\r\n";
    private static TestIdentity dave;
    private static TestIdentity alice;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        dave = MailetFixture.PKI.endEntity("dave@remote.test").emailInSubject().issue();
        alice = MailetFixture.PKI.user("alice@gateway.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice);
    }

    /** Dave's clear signature, then the outer (unsigned) header fields changed as an outsider may send them. */
    private FakeMail signedByDave(String... fields) throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message("dave@remote.test", "alice@gateway.test", BODY), dave.asSigningIdentity());
        signed.removeHeader("From");
        for (int i = 0; i < fields.length; i += 2) {
            signed.addHeader(fields[i], fields[i + 1]);
        }
        return mail(MimeEntities.parse(MimeEntities.bytes(signed)), "dave@remote.test", "alice@gateway.test");
    }

    private FakeMail verified(FakeMail mail) throws Exception {
        gateway.init(new SmimeVerify()).service(mail);
        return mail;
    }

    private static String authenticationResults(FakeMail mail) throws Exception {
        return mail.getMessage().getHeader("Authentication-Results", null);
    }

    /** The RFC 7281 properties of Dave's certificate, issuer in RFC 4514 order as Signer-ID writes it. */
    private static String davesProperties() {
        return " body.smime-identifier=dave@remote.test body.smime-serial=" + dave.certificate().getSerialNumber().toString(16)
            + " body.smime-issuer=\"" + issuer() + "\"";
    }

    private static String issuer() {
        return dave.certificate().getIssuerX500Principal().getName();
    }

    @Test
    void theSignersOwnFromPassesWithEachCertificateAddressOnceAndOneIssuerOrder() throws Exception {
        FakeMail mail = verified(signedByDave("From", "Dave <dave@remote.test>"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=pass" + davesProperties());
        // Dave's address is in both the subject alternative name and the subject DN: listed once.
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-")).containsExactly(
            "X-Smime-Signer-ID-0-0: issuer=\"" + issuer() + "\", serial=" + dave.certificate().getSerialNumber().toString(16),
            "X-Smime-Signer-Email-0-0: dave@remote.test",
            "X-Smime-Signer-Verified-0-0: True",
            "X-Smime-Signer-Trusted-0-0: True",
            "X-Smime-Signer-Trusted-Info-0-0: signed by dave@remote.test; the signature is valid and the signer's"
                + " certificate is trusted",
            "X-Smime-Signer-Reason-0-0: ok");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(true);
    }

    @Test
    void aFromWithTwoAddressesSignedForOneIsNeverAPass() throws Exception {
        FakeMail mail = verified(signedByDave("From", "dave@remote.test, ceo@gateway.test", "Sender", "dave@remote.test"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=policy reason=\"signer-not-author: signed"
            + " by dave@remote.test, but From shows dave@remote.test, ceo@gateway.test\"" + davesProperties());
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-")).contains(
            "X-Smime-Signer-Verified-0-0: True",
            "X-Smime-Signer-Trusted-0-0: False",
            "X-Smime-Signer-Trusted-Info-0-0: signed by dave@remote.test, but From shows dave@remote.test, ceo@gateway.test",
            "X-Smime-Signer-Reason-0-0: signer-not-author");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(false);
    }

    @Test
    void twoFromFieldsAreNeverAPass() throws Exception {
        FakeMail mail = verified(signedByDave("From", "dave@remote.test", "From", "ceo@gateway.test"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=permerror reason=\"from-repeated: the"
            + " message has 2 From fields, so it is unclear who wrote it\"" + davesProperties());
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-Reason-0-0")).containsExactly(
            "X-Smime-Signer-Reason-0-0: from-repeated");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(false);
    }

    @Test
    void aSenderBesideTheSigningAuthorKeepsThePass() throws Exception {
        FakeMail mail = verified(signedByDave("From", "dave@remote.test", "Sender", "list@remote.test"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=pass" + davesProperties());
    }

    @Test
    void theSendersSignatureDoesNotPassForSomeoneElsesFrom() throws Exception {
        FakeMail mail = verified(signedByDave("From", "boss@remote.test", "Sender", "dave@remote.test"));

        assertThat(authenticationResults(mail)).startsWith("gateway.test; smime=policy reason=\"signer-not-author: signed"
            + " by dave@remote.test, but From shows boss@remote.test\"");
    }

    @Test
    void aDisplayNameShowingAnotherAddressIsFlaggedInTheVerdictAndAHeader() throws Exception {
        FakeMail mail = verified(signedByDave("From", "\"ceo@gateway.test\" <dave@remote.test>"));

        String sentence = "From shows the name \"ceo@gateway.test\", but the address is dave@remote.test";
        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=policy reason=\"display-name-mismatch:"
            + " From shows the name \\\"ceo@gateway.test\\\", but the address is dave@remote.test\"" + davesProperties());
        assertThat(headers(mail.getMessage(), "X-Smime-Display-Name-Mismatch")).containsExactly(
            "X-Smime-Display-Name-Mismatch: " + sentence);
        assertThat(headers(mail.getMessage(), "X-Smime-Signer-")).contains(
            "X-Smime-Signer-Trusted-0-0: False",
            "X-Smime-Signer-Trusted-Info-0-0: " + sentence,
            "X-Smime-Signer-Reason-0-0: display-name-mismatch");
    }

    @Test
    void anUnsignedMessageWithADeceptiveDisplayNameIsFlaggedToo() throws Exception {
        FakeMail mail = mail(message("\"ceo@gateway.test\" <mallory@evil.test>", "alice@gateway.test", "Pay now.\r\n"),
            "mallory@evil.test", "alice@gateway.test");

        verified(mail);

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=none");
        assertThat(headers(mail.getMessage(), "X-Smime-")).containsExactly(
            "X-Smime-Display-Name-Mismatch: From shows the name \"ceo@gateway.test\", but the address is mallory@evil.test");
    }

    @Test
    void aFromWithOnlyADisplayNameGetsAVerdictAndTheMailGoesOn() throws Exception {
        // Unquoted, as in the report: javax.mail's getFrom() throws on it.
        FakeMail mail = verified(signedByDave("From", "Dave from Remote"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=permerror reason=\"from-unreadable: the"
            + " From field does not hold a readable e-mail address\"" + davesProperties());
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(attribute(mail, SecurityAttributes.SIGNER_VERIFIED)).isEqualTo(true);
        assertThat(attribute(mail, SecurityAttributes.SIGNER_TRUSTED)).isEqualTo(false);
        // Harvesting (on by default) falls back to the envelope sender instead of throwing over the From field.
        assertThat(gateway.provider().encryptionCertificates("dave@remote.test")).isInstanceOf(Lookup.Found.class);
    }

    @Test
    void aMessageWithoutFromGetsAVerdict() throws Exception {
        FakeMail mail = verified(signedByDave("Sender", "dave@remote.test"));

        assertThat(authenticationResults(mail)).isEqualTo("gateway.test; smime=permerror reason=\"from-missing: the"
            + " message has no From field, so its author is unknown\"" + davesProperties());
        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void opaqueSignedDataWithoutASignerKeepsTheMessageAsSent() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(dave.certificateAndChain()));
        byte[] der = generator.generate(new CMSProcessableByteArray(
            "Content-Type: text/plain\r\n\r\nno one signed this\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();
        String raw = "From: dave@remote.test\r\nTo: alice@gateway.test\r\nSubject: unsigned\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n";
        FakeMail mail = mail(MimeEntities.parse(raw.getBytes(StandardCharsets.US_ASCII)), "dave@remote.test",
            "alice@gateway.test");

        verified(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("application/pkcs7-mime");
        assertThat(MailetFixture.body(mail.getMessage())).doesNotContain("no one signed this");
        assertThat(authenticationResults(mail))
            .isEqualTo("gateway.test; smime=permerror reason=\"no-signer: the signature names no signer\"");
        assertThat(headers(mail.getMessage(), "X-Smime-")).containsExactly(
            "X-Smime-Signer-Verified-0-0: False",
            "X-Smime-Signer-Trusted-0-0: False",
            "X-Smime-Signer-Trusted-Info-0-0: the signature names no signer",
            "X-Smime-Signer-Reason-0-0: no-signer");
    }
}
