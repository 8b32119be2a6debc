package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestPki;

/**
 * SmimeEncrypt with a policy file: the algorithms in the CMS it writes are the ones the recipients' domains ask for,
 * read back from the ASN.1 (content type, content-encryption OID, key-encryption OID and OAEP hash per recipient).
 */
class SmimeEncryptPolicyAlgorithmsTest {
    private static final String SENDER = "alice@gateway.test";
    private static final String GCM = "carol@gcm.test";
    private static final String GCM_128 = "erin@gcm128.test";
    private static final String DEFAULT = "dave@plain.test";

    private static final String ENVELOPED_DATA = CMSObjectIdentifiers.envelopedData.getId();
    private static final String AUTH_ENVELOPED_DATA = CMSObjectIdentifiers.authEnvelopedData.getId();
    private static final String AES128_CBC = "2.16.840.1.101.3.4.1.2";
    private static final String AES256_CBC = "2.16.840.1.101.3.4.1.42";
    private static final String AES256_GCM = "2.16.840.1.101.3.4.1.46";
    private static final String RSA_PKCS1 = "1.2.840.113549.1.1.1";
    private static final String RSAES_OAEP = "1.2.840.113549.1.1.7";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path policy;

    @BeforeAll
    static void writeKeystoreAndPolicy() throws Exception {
        TestPki pki = TestPki.create("Algorithms");
        keystore = KeystoreFiles.write(dir, pki, List.of(),
            List.of(pki.user(GCM), pki.user(GCM_128), pki.user(DEFAULT)));
        // Nothing in <global>: the default domain gets the built-in defaults (AES256_CBC, RSA_PKCS1).
        policy = Files.writeString(dir.resolve("policy.xml"), """
            <policy>
                <domain name="gcm.test">
                    <contentEncryption>AES256_GCM</contentEncryption>
                    <keyTransport>RSA_OAEP_SHA256</keyTransport>
                </domain>
                <domain name="gcm128.test">
                    <contentEncryption>AES128_GCM</contentEncryption>
                    <keyTransport>RSA_OAEP_SHA256</keyTransport>
                </domain>
            </policy>
            """);
    }

    /** One RecipientInfo's key encryption: the algorithm and, for OAEP, its hash. */
    record KeyEncryption(String algorithm, String oaepHash) {
    }

    /** What the CMS says about itself. */
    record Envelope(String contentType, String contentEncryption, List<KeyEncryption> recipients) {
    }

    private static SmimeEncrypt mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SmimeEncrypt")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("keystore", keystore.toString())
            .setProperty("keystoreName", "algorithms-test")
            .setProperty("noCertificateProcessor", "outgoing");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        SmimeEncrypt mailet = new SmimeEncrypt();
        mailet.init(config.build());
        return mailet;
    }

    private static SmimeEncrypt withPolicy() throws MessagingException {
        return mailet("policy", policy.toString());
    }

    private static FakeMail mail(String... recipients) throws MessagingException {
        // Parsed from bytes, as James hands messages over (the engine streams the raw content).
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
            "From: " + SENDER + "\r\nSubject: algorithms\r\nMessage-ID: <" + System.nanoTime() + "@test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nFigures.\r\n")
            .getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m").sender(SENDER).recipients(recipients).mimeMessage(message).build();
    }

    private static Envelope envelopeOf(FakeMail mail) throws Exception {
        ContentInfo info;
        try (InputStream in = mail.getMessage().getInputStream(); ASN1InputStream asn1 = new ASN1InputStream(in)) {
            info = ContentInfo.getInstance(asn1.readObject());
        }
        EncryptedContentInfo content;
        ASN1Set recipientInfos;
        if (info.getContentType().equals(CMSObjectIdentifiers.authEnvelopedData)) {
            AuthEnvelopedData data = AuthEnvelopedData.getInstance(info.getContent());
            content = data.getAuthEncryptedContentInfo();
            recipientInfos = data.getRecipientInfos();
        } else {
            EnvelopedData data = EnvelopedData.getInstance(info.getContent());
            content = data.getEncryptedContentInfo();
            recipientInfos = data.getRecipientInfos();
        }
        List<KeyEncryption> recipients = new ArrayList<>();
        for (ASN1Encodable element : recipientInfos) {
            AlgorithmIdentifier key = KeyTransRecipientInfo.getInstance(RecipientInfo.getInstance(element).getInfo())
                .getKeyEncryptionAlgorithm();
            String hash = key.getAlgorithm().getId().equals(RSAES_OAEP)
                ? RSAESOAEPparams.getInstance(key.getParameters()).getHashAlgorithm().getAlgorithm().getId()
                : null;
            recipients.add(new KeyEncryption(key.getAlgorithm().getId(), hash));
        }
        return new Envelope(info.getContentType().getId(), content.getContentEncryptionAlgorithm().getAlgorithm().getId(),
            recipients);
    }

    @Test
    void aDomainAskingForGcmAndOaepGetsAuthEnvelopedDataWithOaepSha256() throws Exception {
        FakeMail mail = mail(GCM);

        withPolicy().service(mail);

        assertThat(mail.getMessage().getContentType()).contains("authEnveloped-data");
        assertThat(envelopeOf(mail)).isEqualTo(new Envelope(AUTH_ENVELOPED_DATA, AES256_GCM,
            List.of(new KeyEncryption(RSAES_OAEP, SHA256))));
    }

    @Test
    void aDomainWithoutRulesGetsThePolicyDefaultsNotTheMailetParameters() throws Exception {
        FakeMail mail = mail(DEFAULT);

        // The parameters apply only without a policy file; the policy's built-in default is AES256_CBC.
        mailet("policy", policy.toString(), "contentEncryption", "AES128_GCM").service(mail);

        assertThat(mail.getMessage().getContentType()).contains("enveloped-data");
        assertThat(envelopeOf(mail)).isEqualTo(new Envelope(ENVELOPED_DATA, AES256_CBC,
            List.of(new KeyEncryption(RSA_PKCS1, null))));
    }

    @Test
    void recipientsWhoDisagreeShareCbcWithTheLargerKeyAndPkcs1ThatEveryoneReads() throws Exception {
        FakeMail mail = mail(GCM, DEFAULT);

        withPolicy().service(mail);

        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly(GCM, DEFAULT);
        assertThat(envelopeOf(mail)).isEqualTo(new Envelope(ENVELOPED_DATA, AES256_CBC,
            List.of(new KeyEncryption(RSA_PKCS1, null), new KeyEncryption(RSA_PKCS1, null))));
    }

    @Test
    void recipientsWhoAllAskForOaepKeepItEvenWhenTheirCiphersDiffer() throws Exception {
        FakeMail mail = mail(GCM, GCM_128);

        withPolicy().service(mail);

        // AES256_GCM and AES128_GCM disagree, so CBC (the larger key); both asked for OAEP, so OAEP.
        assertThat(envelopeOf(mail)).isEqualTo(new Envelope(ENVELOPED_DATA, AES256_CBC,
            List.of(new KeyEncryption(RSAES_OAEP, SHA256), new KeyEncryption(RSAES_OAEP, SHA256))));
    }

    @Test
    void withoutAPolicyFileTheMailetParametersDecide() throws Exception {
        FakeMail defaults = mail(GCM);
        FakeMail configured = mail(GCM);

        mailet().service(defaults);
        mailet("contentEncryption", "AES256_GCM", "keyTransport", "RSA_OAEP_SHA256").service(configured);

        assertThat(envelopeOf(defaults)).isEqualTo(new Envelope(ENVELOPED_DATA, AES128_CBC,
            List.of(new KeyEncryption(RSA_PKCS1, null))));
        assertThat(envelopeOf(configured)).isEqualTo(new Envelope(AUTH_ENVELOPED_DATA, AES256_GCM,
            List.of(new KeyEncryption(RSAES_OAEP, SHA256))));
    }
}
