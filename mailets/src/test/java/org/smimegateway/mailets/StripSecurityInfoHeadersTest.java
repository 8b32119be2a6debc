package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class StripSecurityInfoHeadersTest {
    private static final FakeMailContext CONTEXT = FakeMailContext.builder().postmaster(postmaster()).build();
    private static final String BODY = "Line one\r\n\u00e9t\u00e9 8-bit stays as it is\r\n";

    private static MailAddress postmaster() {
        try {
            return new MailAddress("postmaster@gateway.test");
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage message(String headers) throws MessagingException {
        String raw = headers + "Subject: hello\r\nFrom: outsider@remote.test\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + BODY;
        return new MimeMessage(Session.getInstance(new java.util.Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static StripSecurityInfoHeaders mailet(String... params) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder()
            .mailetName("StripSecurityInfoHeaders")
            .mailetContext(CONTEXT);
        for (int i = 0; i < params.length; i += 2) {
            config.setProperty(params[i], params[i + 1]);
        }
        StripSecurityInfoHeaders mailet = new StripSecurityInfoHeaders();
        mailet.init(config.build());
        return mailet;
    }

    private static String bodyOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String whole = out.toString(StandardCharsets.UTF_8);
        return whole.substring(whole.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void removesEveryHeaderWithTheDefaultPrefixWhateverItsCase() throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(message(
            "X-Smime-Signer-Verified-0-0: True\r\nx-smime-signer-trusted-0-0: True\r\nX-Other: kept\r\n")).build();

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Smime-Signer-Verified-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Smime-Signer-Trusted-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Other")).containsExactly("kept");
    }

    @Test
    void leavesTheBodyByteForByte() throws Exception {
        FakeMail mail = FakeMail.builder().name("m2").mimeMessage(message("X-Smime-Signer-Verified-0-0: True\r\n")).build();

        mailet().service(mail);

        assertThat(bodyOf(mail.getMessage())).isEqualTo(BODY);
    }

    @Test
    void honoursAConfiguredPrefixAndExtraPatterns() throws Exception {
        FakeMail mail = FakeMail.builder().name("m3").mimeMessage(message(
            "X-Gw-Signer-Verified-0-0: True\r\nX-Smime-Untouched: yes\r\nX-Djigzo-Info-Signer-Verified-0-0: True\r\n")).build();

        mailet("prefix", "X-Gw-", "patterns", "X-Djigzo-Info-.*, X-Nothing").service(mail);

        assertThat(mail.getMessage().getHeader("X-Gw-Signer-Verified-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Djigzo-Info-Signer-Verified-0-0")).isNull();
        assertThat(mail.getMessage().getHeader("X-Smime-Untouched")).containsExactly("yes");
    }

    @Test
    void removesOnlyAuthenticationResultsClaimingOurAuthservId() throws Exception {
        FakeMail mail = FakeMail.builder().name("m4").mimeMessage(message(
            "Authentication-Results: gateway.test; smime=pass header.from=boss@gateway.test\r\n"
                + "Authentication-Results: mx.remote.test 1; dkim=pass header.d=remote.test\r\n"
                + "Authentication-Results: GATEWAY.TEST 1;\r\n smime=pass\r\n")).build();

        mailet("authservId", "gateway.test").service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results"))
            .containsExactly("mx.remote.test 1; dkim=pass header.d=remote.test");
    }

    @Test
    void defaultsTheAuthservIdToThePostmasterDomain() throws Exception {
        String postmasterDomain = "gateway.test";
        FakeMail mail = FakeMail.builder().name("m5").mimeMessage(message(
            "Authentication-Results: " + postmasterDomain + "; smime=pass\r\n")).build();

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("Authentication-Results")).isNull();
    }

    @Test
    void refusesAnUnknownParameterByName() {
        assertThatThrownBy(() -> mailet("prefx", "X-"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("prefx");
    }

    @Test
    void refusesAnInvalidPatternNamingTheParameter() {
        assertThatThrownBy(() -> mailet("patterns", "X-(unclosed"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("patterns")
            .hasMessageContaining("X-(unclosed");
    }
}
