package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smimegateway.smime.MimeEntities;

/** Odd header fields end in a verdict or a named processor, never in an exception out of the mailet. */
class OddHeadersMailetTest {
    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(MailetFixture.PKI.user("alice@gateway.test"));
    }

    private static FakeMail withoutEnvelopeSender(String fromLine) throws Exception {
        return FakeMail.builder().name("odd").mimeMessage(MimeEntities.parse((fromLine + "To: carol@remote.test\r\n"
                + "Subject: odd\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)))
            .recipients("carol@remote.test").state("outgoing").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"From: <<not@@an address>>,,\r\n", "From: Just A Name\r\n", "From:\r\n", ""})
    void aBounceWithAnUnusableFromGoesOnUnsignedAsMailWithoutSender(String fromLine) throws Exception {
        FakeMail mail = withoutEnvelopeSender(fromLine);
        String before = text(mail.getMessage());

        gateway.init(new SmimeSign(), "errorProcessor", "smime-error").service(mail);

        assertThat(mail.getState()).isEqualTo("outgoing");
        assertThat(attribute(mail, BoundedMailet.ERROR_ATTRIBUTE)).isNull();
        assertThat(text(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void anUnparseableFromOnPlainMailIsStampedAsUnsigned() throws Exception {
        FakeMail mail = MailetFixture.mail(MimeEntities.parse(("From: <<not@@an address>>,,\r\nTo: alice@gateway.test\r\n"
            + "Subject: odd\r\nDate: the day after yesterday\r\nX-Note: caf\u00e9\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.ISO_8859_1)), "dave@remote.test", "alice@gateway.test");

        gateway.init(new SmimeVerify(), "errorProcessor", "smime-error").service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getMessage().getHeader("Authentication-Results", null)).startsWith("gateway.test; smime=none");
    }
}
