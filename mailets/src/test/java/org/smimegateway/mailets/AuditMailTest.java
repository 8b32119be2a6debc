package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditMailTest {
    private AuditCapture audit;

    @BeforeEach
    void capture() {
        audit = new AuditCapture();
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void aQuarantineDecisionJamesCarriesOutGetsItsAuditLineAndTheMailIsUnchanged() throws Exception {
        AuditMail mailet = new AuditMail();
        mailet.init(FakeMailetConfig.builder().mailetName("AuditMail").setProperty("event", "mail.quarantined")
            .setProperty("reason", "encryption mandatory, no certificate").build());
        FakeMail mail = mail(message("alice@gateway.test", "dave@partner.test", "Secret figures.\r\n"),
            "alice@gateway.test", "dave@partner.test");
        mail.setState("mandatory-without-certificate");
        byte[] before = org.smimegateway.smime.MimeEntities.bytes(mail.getMessage());

        mailet.service(mail);

        assertThat(audit.line("mail.quarantined")).startsWith("event=mail.quarantined actor=AuditMail at=")
            .contains(" mail=" + mail.getName() + " ", " sender=alice@gateway.test recipients=dave@partner.test",
                " processor=mandatory-without-certificate reason=\"encryption mandatory, no certificate\"")
            .doesNotContain("Secret");
        assertThat(mail.getState()).isEqualTo("mandatory-without-certificate");
        assertThat(org.smimegateway.smime.MimeEntities.bytes(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void theEventIsRequiredAndMustBeAMailEventName() {
        assertThatThrownBy(() -> new AuditMail().init(FakeMailetConfig.builder().mailetName("AuditMail").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'event' is required");
        assertThatThrownBy(() -> new AuditMail().init(FakeMailetConfig.builder().mailetName("AuditMail")
            .setProperty("event", "ca.revoke").build()))
            .hasMessageContaining("'ca.revoke' is not an event name of the form mail.<word>");
        assertThatThrownBy(() -> new AuditMail().init(FakeMailetConfig.builder().mailetName("AuditMail")
            .setProperty("event", "mail.quarantined").setProperty("reasn", "typo").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("reasn");
    }
}
