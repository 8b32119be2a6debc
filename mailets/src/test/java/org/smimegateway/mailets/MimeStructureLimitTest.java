package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.text;

import java.nio.charset.StandardCharsets;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smimegateway.smime.DeepMime;
import org.smimegateway.smime.MimeEntities;

@Timeout(60)
class MimeStructureLimitTest {
    private static MimeStructureLimit mailet(String... parameters) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("MimeStructureLimit")
            .mailetContext(FakeMailContext.builder().postmaster(new MailAddress("postmaster@gateway.test")).build());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        MimeStructureLimit mailet = new MimeStructureLimit();
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail deep(int depth) throws Exception {
        return mail(MimeEntities.parse(DeepMime.message("dave@remote.test", "alice@gateway.test", depth)
            .getBytes(StandardCharsets.UTF_8)), "dave@remote.test", "alice@gateway.test");
    }

    @Test
    void sendsMailNestedDeeperThanTheLimitIntactToTheNamedProcessor() throws Exception {
        FakeMail mail = deep(20_000);
        String before = text(mail.getMessage());

        mailet("maxMimeDepth", "32", "limitProcessor", "structure-limit").service(mail);

        assertThat(mail.getState()).isEqualTo("structure-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE))
            .isEqualTo("MimeStructureLimit: MIME nested deeper than 32 levels");
        assertThat(mail.getMessage().getHeader(BoundedMailet.LIMIT_HEADER))
            .containsExactly("MimeStructureLimit: MIME nested deeper than 32 levels");
        mail.getMessage().removeHeader(BoundedMailet.LIMIT_HEADER);
        assertThat(text(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void letsMailWithinTheLimitsGoOnUntouched() throws Exception {
        FakeMail mail = deep(32);
        String before = text(mail.getMessage());

        mailet("limitProcessor", "structure-limit").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE)).isNull();
    }

    @Test
    void appliesTheOptionalSizeLimit() throws Exception {
        FakeMail mail = mail(MailetFixture.message("dave@remote.test", "alice@gateway.test", "x".repeat(3000) + "\r\n"),
            "dave@remote.test", "alice@gateway.test");

        mailet("limitProcessor", "structure-limit", "maxMessageSize", "2k").service(mail);

        assertThat(mail.getState()).isEqualTo("structure-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE)).isEqualTo("MimeStructureLimit: larger than 2048 bytes");
    }

    @Test
    void requiresTheLimitProcessorAndRejectsBadValuesByName() {
        assertThatThrownBy(() -> mailet()).isInstanceOf(MessagingException.class).hasMessageContaining("'limitProcessor'");
        assertThatThrownBy(() -> mailet("limitProcessor", "structure-limit", "maxMessageSize", "big"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxMessageSize'");
        assertThatThrownBy(() -> mailet("limitProcessor", "structure-limit", "maxDepth", "3"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("maxDepth");
    }

    @Test
    void mailWithAnUnparseableContentTypeGoesToTheLimitProcessorWithoutAHeaderThatWouldMakeItUnwritable()
        throws Exception {
        FakeMail mail = mail(MimeEntities.parse(("From: dave@remote.test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=\"unterminated\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)),
            "dave@remote.test", "alice@gateway.test");
        String before = text(mail.getMessage());

        mailet("limitProcessor", "structure-limit").service(mail);

        assertThat(mail.getState()).isEqualTo("structure-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE))
            .isEqualTo("MimeStructureLimit: a Content-Type that cannot be parsed");
        assertThat(text(mail.getMessage())).isEqualTo(before);
    }
}
