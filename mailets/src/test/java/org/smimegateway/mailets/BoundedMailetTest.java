package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.smime.DeepMime;
import org.smimegateway.smime.MimeEntities;

@Timeout(60)
class BoundedMailetTest {
    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(MailetFixture.PKI.user("alice@gateway.test"));
    }

    /** A mailet whose work throws what the test hands it, after adding a header (and rebuilding, if asked). */
    public static class Throwing extends BoundedMailet {
        Supplier<Throwable> failure;
        boolean rebuild;

        @Override
        public void init() throws MessagingException {
            checkInitParameters(withBoundedParameters(Set.of("keystore")));
        }

        @Override
        protected void serviceBounded(Mail mail) throws MessagingException {
            if (rebuild) {
                mail.setMessage(MimeEntities.parse("Subject: rebuilt\r\n\r\ncomplete\r\n".getBytes(StandardCharsets.US_ASCII)));
            }
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw (MessagingException) t;
        }
    }

    private static FakeMail deepMail(int depth) throws Exception {
        MimeMessage message = MimeEntities.parse(DeepMime.message("alice@gateway.test", "bob@remote.test", depth)
            .getBytes(StandardCharsets.UTF_8));
        return mail(message, "alice@gateway.test", "bob@remote.test");
    }

    @Test
    void signingMailNestedFifteenHundredLevelsSendsItIntactToTheLimitProcessor() throws Exception {
        FakeMail mail = deepMail(1500);
        String before = text(mail.getMessage());
        SmimeSign mailet = gateway.init(new SmimeSign(), "limitProcessor", "structure-limit");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("structure-limit");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE)).isEqualTo("SmimeSign: MIME nested deeper than 32 levels");
        assertThat(mail.getMessage().getHeader(BoundedMailet.LIMIT_HEADER))
            .containsExactly("SmimeSign: MIME nested deeper than 32 levels");
        mail.getMessage().removeHeader(BoundedMailet.LIMIT_HEADER);
        assertThat(text(mail.getMessage())).isEqualTo(before);
        assertThat(attribute(mail, SmimeSign.SIGNED_BY)).isNull();
    }

    @Test
    void theDeepestConfigurableNestingIsStillSignedWithoutOverflowingTheStack() throws Exception {
        FakeMail mail = deepMail(256);
        SmimeSign mailet = gateway.init(new SmimeSign(), "maxMimeDepth", "256", "limitProcessor", "structure-limit");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getMessage().getContentType()).startsWith("multipart/signed");
        assertThat(text(mail.getMessage())).contains("=C3=A9t=C3=A9");
    }

    @Test
    void mailWithinTheLimitsIsSignedAsBefore() throws Exception {
        FakeMail mail = deepMail(20);
        SmimeSign mailet = gateway.init(new SmimeSign(), "limitProcessor", "structure-limit");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getMessage().getContentType()).startsWith("multipart/signed");
    }

    @Test
    void tooManyPartsGoToTheLimitProcessorWhichDefaultsToTheErrorProcessor() throws Exception {
        String body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n".repeat(6) + "--b--\r\n";
        FakeMail mail = mail(MimeEntities.parse(("From: alice@gateway.test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)),
            "alice@gateway.test", "bob@remote.test");
        SmimeSign mailet = gateway.init(new SmimeSign(), "maxMimeParts", "5", "errorProcessor", "smime-error");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("smime-error");
        assertThat(attribute(mail, BoundedMailet.LIMIT_ATTRIBUTE)).isEqualTo("SmimeSign: more than 5 MIME parts");
    }

    @Test
    void aStackOverflowInTheWorkEndsWithTheMailIntactInTheErrorProcessor() throws Exception {
        assertDiverted(StackOverflowError::new, "Throwing: processing recursed too deep (StackOverflowError)");
    }

    @Test
    void anOutOfMemoryErrorFromOneHugeAllocationEndsInTheErrorProcessor() throws Exception {
        assertDiverted(() -> new OutOfMemoryError("Requested array size exceeds VM limit"),
            "Throwing: processing needed more memory than there is (OutOfMemoryError)");
    }

    @Test
    void aRuntimeExceptionEndsInTheErrorProcessorWithItsReasonOnOneLine() throws Exception {
        assertDiverted(() -> new IllegalStateException("bad\r\nX-Injected: yes"),
            "Throwing: failed: IllegalStateException: bad X-Injected: yes");
    }

    @Test
    void aMessagingExceptionEndsInTheErrorProcessor() throws Exception {
        assertDiverted(() -> new MessagingException("unreadable"), "Throwing: failed: MessagingException: unreadable");
    }

    private void assertDiverted(Supplier<Throwable> failure, String reason) throws Exception {
        FakeMail mail = mail(MailetFixture.message("dave@remote.test", "alice@gateway.test", "body\r\n"),
            "dave@remote.test", "alice@gateway.test");
        MimeMessage given = mail.getMessage();
        String before = text(given);
        Throwing mailet = gateway.init(new Throwing(), "errorProcessor", "smime-error");
        mailet.failure = failure;

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("smime-error");
        assertThat(mail.getMessage()).isSameAs(given);
        assertThat(attribute(mail, BoundedMailet.ERROR_ATTRIBUTE)).isEqualTo(reason);
        assertThat(mail.getErrorMessage()).isEqualTo(reason);
        assertThat(given.getHeader(BoundedMailet.ERROR_HEADER)).containsExactly(reason);
        given.removeHeader(BoundedMailet.ERROR_HEADER);
        assertThat(text(given)).isEqualTo(before);
    }

    @Test
    void aMessageTheMailetAlreadyRebuiltIsKeptSinceJamesDisposedTheOneGiven() throws Exception {
        FakeMail mail = mail(MailetFixture.message("dave@remote.test", "alice@gateway.test", "body\r\n"),
            "dave@remote.test", "alice@gateway.test");
        Throwing mailet = gateway.init(new Throwing(), "errorProcessor", "smime-error");
        mailet.failure = IllegalStateException::new;
        mailet.rebuild = true;

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("smime-error");
        assertThat(mail.getMessage().getSubject()).isEqualTo("rebuilt");
        assertThat(mail.getMessage().getHeader(BoundedMailet.ERROR_HEADER))
            .containsExactly("Throwing: failed: IllegalStateException");
    }

    @Test
    void badFrameParametersAreRejectedNamingThem() {
        assertThatThrownBy(() -> gateway.init(new SmimeSign(), "errorProcessor", "two words"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'errorProcessor'");
        assertThatThrownBy(() -> gateway.init(new SmimeVerify(), "maxMimeDepth", "0"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxMimeDepth'").hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> gateway.init(new SmimeDecrypt(), "maxMimeParts", "many"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxMimeParts'");
        assertThatThrownBy(() -> gateway.init(new SmimeVerify(), "maxSigners", "65"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'maxSigners'").hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> gateway.init(new SmimeSign(), "errorprocessor", "x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("errorprocessor");
    }
}
