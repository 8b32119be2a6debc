package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smimegateway.smime.MimeEntities;

/** Verdicts of other gateways and hosts that would contradict ours are stripped by default. */
class StripForeignVerdictsTest {
    private static StripSecurityInfoHeaders mailet(String... parameters) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("StripSecurityInfoHeaders")
            .mailetContext(FakeMailContext.builder().postmaster(new MailAddress("postmaster@gateway.test")).build());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        StripSecurityInfoHeaders mailet = new StripSecurityInfoHeaders();
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail mail(String headers) throws Exception {
        MimeMessage message = MimeEntities.parse((headers + "From: dave@remote.test\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        return FakeMail.builder().name("m").mimeMessage(message).build();
    }

    @Test
    void stripsTheInfoHeadersOfKnownGatewayFamiliesByDefault() throws Exception {
        FakeMail mail = mail("X-MailID-Info-Signer-Verified-0-0: True\r\nx-ciphermail-info-signer-trusted-0-0: True\r\n"
            + "X-Djigzo-Info-Signer-Verified-0-0: True\r\nX-Mailer: kept\r\n");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-MailID-Info-Signer-Verified-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-CipherMail-Info-Signer-Trusted-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Djigzo-Info-Signer-Verified-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Mailer")).containsExactly("kept");
    }

    @Test
    void theFamiliesAreAParameterAndNoneTurnsThemOff() throws Exception {
        FakeMail custom = mail("X-Acme-Info-Verified: True\r\nX-MailID-Info-Verified: True\r\n");
        FakeMail none = mail("X-MailID-Info-Verified: True\r\n");
        FakeMail empty = mail("X-CipherMail-Info-Verified: True\r\n");

        mailet("families", "X-Acme-Info-").service(custom);
        mailet("families", "none").service(none);
        mailet("families", " ").service(empty);

        assertThat(custom.getMessage().getHeader("X-Acme-Info-Verified")).isNull();
        assertThat(custom.getMessage().getHeader("X-MailID-Info-Verified")).containsExactly("True");
        assertThat(none.getMessage().getHeader("X-MailID-Info-Verified")).containsExactly("True");
        // An empty element is the default, not "none": turning the defaults off must be said.
        assertThat(empty.getMessage().getHeader("X-CipherMail-Info-Verified")).isNull();
    }

    @Test
    void stripsEverySmimeResultOfOtherHostsButKeepsTheirOtherResults() throws Exception {
        FakeMail mail = mail("Authentication-Results: mx.remote.test; smime=pass header.from=ceo@gateway.test\r\n"
            + "Authentication-Results: other.test 1; dkim=pass header.d=remote.test;\r\n SMIME/1 = pass\r\n"
            + "Authentication-Results: mx.remote.test; dkim=pass header.d=remote.test (smime=pass in a comment)\r\n"
            + "Authentication-Results: upstream.gateway.test; smime=fail body.smime-identifier=x@remote.test\r\n"
            + "Authentication-Results: gateway.test; dkim=pass header.d=gateway.test\r\n");

        mailet("authservId", "gateway.test", "trustedAuthservIds", "Upstream.Gateway.test, other-gw.test")
            .service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).containsExactly(
            "mx.remote.test; dkim=pass header.d=remote.test (smime=pass in a comment)",
            "upstream.gateway.test; smime=fail body.smime-identifier=x@remote.test");
    }

    @Test
    void ourOwnAuthservIdIsStrippedEvenWhenListedAsTrusted() throws Exception {
        FakeMail mail = mail("Authentication-Results: gateway.test; smime=pass\r\n");

        mailet("trustedAuthservIds", "gateway.test").service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
    }

    @Test
    void readsTheAuthservIdAndTheMethodPastComments() {
        assertThat(ForeignSmimeResults.authservId("(relay) mx.test (v) 1; smime=pass")).isEqualTo("mx.test");
        assertThat(ForeignSmimeResults.claimsSmime("mx.test; (a (nested) comment) smime=pass")).isTrue();
        assertThat(ForeignSmimeResults.claimsSmime("mx.test; none")).isFalse();
        assertThat(ForeignSmimeResults.claimsSmime("smime.test; dkim=pass")).isFalse();
    }

    @Test
    void rejectsAFamilyThatIsNoHeaderNamePrefix() {
        assertThatThrownBy(() -> mailet("families", "X-Bad Family-")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("'families'");
    }
}
