package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.smime.MimeEntities;

/** Each mailet counts its outcome, times its work and writes one audit line per decision, without content. */
class MetricsAndAuditTest {
    private static final String BODY = "Quarterly figures: confidential body text.\r\n";
    private static TestIdentity alice;
    private static TestIdentity carol;

    @TempDir
    Path dir;
    private MailetFixture gateway;
    private RecordingMetricFactory metrics;
    private AuditCapture audit;

    @BeforeAll
    static void identities() {
        alice = MailetFixture.PKI.user("alice@gateway.test");
        carol = MailetFixture.PKI.user("carol@remote.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice).certificate(carol);
        metrics = new RecordingMetricFactory();
        audit = new AuditCapture();
    }

    @AfterEach
    void closeAudit() {
        audit.close();
    }

    private static FakeMail fromAliceToCarol() throws Exception {
        return mail(message("alice@gateway.test", "carol@remote.test", BODY), "alice@gateway.test", "carol@remote.test");
    }

    @Test
    void signingCountsSignedTimesTheMailetAndAuditsSignerWithoutContent() throws Exception {
        FakeMail mail = fromAliceToCarol();

        gateway.init(new SmimeSign(metrics)).service(mail);

        assertThat(metrics.countFor("smimegateway_signed")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("smimegateway_mailet_SmimeSign")).hasSize(1);
        String line = audit.line("mail.signed");
        assertThat(line).startsWith("event=mail.signed actor=SmimeSign ")
            .contains(" mail=" + mail.getName() + " ", " sender=alice@gateway.test ",
                " recipients=carol@remote.test ", " signer=alice@gateway.test ",
                " serial=" + alice.certificate().getSerialNumber().toString(16) + " ", " digest=SHA256")
            .doesNotContain("Quarterly", "confidential");
    }

    @Test
    void encryptingCountsPerContentAlgorithmAndAuditsRecipientsAndAlgorithm() throws Exception {
        FakeMail mail = fromAliceToCarol();

        gateway.init(new SmimeEncrypt(metrics), "noCertificateProcessor", "plain", "contentEncryption", "AES256_GCM")
            .service(mail);

        assertThat(metrics.countFor("smimegateway_encrypted_aes256_gcm")).isEqualTo(1);
        assertThat(metrics.countFor("smimegateway_encrypted_aes128_cbc")).isZero();
        assertThat(metrics.executionTimesFor("smimegateway_mailet_SmimeEncrypt")).hasSize(1);
        assertThat(audit.line("mail.encrypted")).startsWith("event=mail.encrypted actor=SmimeEncrypt ")
            .contains(" recipients=carol@remote.test ", " algorithm=AES256_GCM ", " keyTransport=RSA_PKCS1 ",
                " certificates=1")
            .doesNotContain("Quarterly");
    }

    @Test
    void signedAndEncryptedLinesCarryTheMessageIdSoTheLogsViewFindsTheMail() throws Exception {
        FakeMail mail = fromAliceToCarol();
        String messageId = mail.getMessage().getMessageID();

        gateway.init(new SmimeSign()).service(mail);
        gateway.init(new SmimeEncrypt(), "noCertificateProcessor", "plain").service(mail);

        assertThat(messageId).matches("<\\d+@gateway\\.test>");
        assertThat(audit.line("mail.signed")).contains(" mail=" + mail.getName() + " messageId=" + messageId + " ")
            .doesNotContain("figures");
        assertThat(audit.line("mail.encrypted")).contains(" messageId=" + messageId + " ");
    }

    @Test
    void aMailWithoutMessageIdIsAuditedWithoutOne() throws Exception {
        FakeMail mail = fromAliceToCarol();
        mail.getMessage().removeHeader("Message-ID");

        gateway.init(new SmimeEncrypt(), "noCertificateProcessor", "plain").service(mail);

        assertThat(audit.line("mail.encrypted")).contains(" mail=" + mail.getName() + " sender=")
            .doesNotContain("messageId");
    }

    @Test
    void recipientsWithoutCertificateAreCountedAndAuditedWithTheirProcessor() throws Exception {
        FakeMail mail = mail(message("alice@gateway.test", "dave@remote.test", BODY), "alice@gateway.test",
            "dave@remote.test");

        gateway.init(new SmimeEncrypt(metrics), "noCertificateProcessor", "plain").service(mail);

        assertThat(metrics.countFor("smimegateway_not_encrypted")).isEqualTo(1);
        assertThat(audit.line("mail.not_encrypted")).contains(" recipients=dave@remote.test ",
            " reason=\"no usable certificate\" ", " processor=plain");
    }

    @Test
    void verifyingCountsTheResultAndAuditsTheVerdictPerSigner() throws Exception {
        FakeMail mail = fromAliceToCarol();
        gateway.init(new SmimeSign()).service(mail);

        gateway.init(new SmimeVerify(metrics)).service(mail);

        assertThat(metrics.countFor("smimegateway_verified_pass")).isEqualTo(1);
        assertThat(metrics.countFor("smimegateway_verified_fail")).isZero();
        assertThat(audit.line("mail.verdict")).startsWith("event=mail.verdict actor=SmimeVerify ")
            .contains(" result=pass ", " verified=true ", " trusted=true ", " authors=alice@gateway.test ",
                " signers=alice@gateway.test:pass");
    }

    @Test
    void anAlteredSignedMessageIsCountedAsFail() throws Exception {
        FakeMail mail = fromAliceToCarol();
        gateway.init(new SmimeSign()).service(mail);
        String tampered = new String(MimeEntities.bytes(mail.getMessage()), StandardCharsets.UTF_8)
            .replace("Quarterly", "Quarterlz");
        FakeMail altered = mail(MimeEntities.parse(tampered.getBytes(StandardCharsets.UTF_8)), "alice@gateway.test",
            "carol@remote.test");

        gateway.init(new SmimeVerify(metrics)).service(altered);

        assertThat(metrics.countFor("smimegateway_verified_fail")).isEqualTo(1);
        assertThat(audit.line("mail.verdict")).contains(" result=fail ", " verified=false ");
    }

    @Test
    void strippingCountsAndAuditsTheHeaderNamesOnly() throws Exception {
        FakeMail mail = fromAliceToCarol();
        mail.getMessage().addHeader("X-Smime-Signature-Verified", "true, forged");
        mail.getMessage().saveChanges();

        StripSecurityInfoHeaders mailet = new StripSecurityInfoHeaders(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("StripSecurityInfoHeaders").mailetContext(gateway.context)
            .build());
        mailet.service(mail);

        assertThat(metrics.countFor("smimegateway_stripped")).isEqualTo(1);
        assertThat(audit.line("mail.stripped")).startsWith("event=mail.stripped actor=StripSecurityInfoHeaders ")
            .contains(" count=1 ", " headers=X-Smime-Signature-Verified").doesNotContain("forged");
    }

    @Test
    void mailBeyondTheLimitsIsCountedAndAuditedWithItsProcessor() throws Exception {
        FakeMail mail = fromAliceToCarol();

        MimeStructureLimit mailet = new MimeStructureLimit(metrics);
        mailet.init(FakeMailetConfig.builder().mailetName("MimeStructureLimit").mailetContext(gateway.context)
            .setProperty("limitProcessor", "structure-limit").setProperty("maxMessageSize", "10").build());
        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("structure-limit");
        assertThat(metrics.countFor("smimegateway_limit")).isEqualTo(1);
        assertThat(audit.line("mail.limit")).startsWith("event=mail.limit actor=MimeStructureLimit ")
            .contains(" processor=structure-limit ");
    }

    @Test
    void theNoArgumentConstructorCountsNowhereAndStillAudits() throws Exception {
        FakeMail mail = fromAliceToCarol();

        gateway.init(new SmimeSign()).service(mail);

        assertThat(metrics.countFor("smimegateway_signed")).isZero();
        assertThat(audit.line("mail.signed")).contains(" signer=alice@gateway.test ");
    }
}
