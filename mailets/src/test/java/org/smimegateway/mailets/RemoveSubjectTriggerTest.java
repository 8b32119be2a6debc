package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.matchers.DecisionTrace;
import org.smimegateway.policy.SecurityAttributes;

class RemoveSubjectTriggerTest {
    @TempDir
    Path dir;

    private RemoveSubjectTrigger mailet(String policyXml) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy-" + policyXml.hashCode() + ".xml"), policyXml);
        RemoveSubjectTrigger mailet = new RemoveSubjectTrigger();
        mailet.init(FakeMailetConfig.builder()
            .mailetName("RemoveSubjectTrigger")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("policy", policy.toString())
            .build());
        return mailet;
    }

    private static FakeMail mail(String sender, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject(subject, "UTF-8");
        message.setText("body");
        return FakeMail.builder().name("m").sender(sender).recipient("carol@remote.test").mimeMessage(message).build();
    }

    @Test
    void removesTheDefaultTriggerWhereverItStandsInTheSubject() throws Exception {
        FakeMail mail = mail("alice@gateway.test", "Re: [Encrypt] quarterly figures");

        mailet("<policy/>").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Re: quarterly figures");
    }

    @Test
    void tracesTheRemovalWithTheRuleItCameFrom() throws Exception {
        FakeMail mail = mail("alice@gateway.test", "[encrypt] hello");

        mailet("<policy><trace header=\"true\"/></policy>").service(mail);

        String line = "RemoveSubjectTrigger message: matched, removed subject trigger /\\[encrypt\\]/i (removed) from"
            + " built-in default";
        assertThat(DecisionTrace.lines(mail)).containsExactly(line);
        assertThat(mail.getMessage().getHeader(SecurityAttributes.TRACE_HEADER)).containsExactly(line);
    }

    @Test
    void leavesNoTraceWhenThereIsNoTriggerToRemove() throws Exception {
        FakeMail mail = mail("alice@gateway.test", "hello");

        mailet("<policy/>").service(mail);

        assertThat(DecisionTrace.lines(mail)).isEmpty();
    }

    @Test
    void keepsTheTriggerWhenThePolicySaysNotToRemoveIt() throws Exception {
        FakeMail mail = mail("alice@gateway.test", "[secure] hello");

        mailet("<policy><global><subjectTrigger remove=\"false\">\\[secure\\]</subjectTrigger></global></policy>")
            .service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[secure] hello");
    }

    @Test
    void usesTheSendersOwnTrigger() throws Exception {
        String policy = "<policy><user address=\"alice@gateway.test\"><subjectTrigger>\\(confidential\\)</subjectTrigger></user></policy>";
        FakeMail alice = mail("alice@gateway.test", "(Confidential) plans");
        FakeMail bob = mail("bob@gateway.test", "(Confidential) plans");

        RemoveSubjectTrigger mailet = mailet(policy);
        mailet.service(alice);
        mailet.service(bob);

        assertThat(alice.getMessage().getSubject()).isEqualTo("plans");
        assertThat(bob.getMessage().getSubject()).isEqualTo("(Confidential) plans");
    }

    @Test
    void leavesNonAsciiSubjectsReadable() throws Exception {
        FakeMail mail = mail("alice@gateway.test", "[encrypt] Grüße aus Zürich");

        mailet("<policy/>").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Grüße aus Zürich");
    }

    @Test
    void refusesAnUnknownParameterByName() {
        RemoveSubjectTrigger mailet = new RemoveSubjectTrigger();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder()
            .mailetName("RemoveSubjectTrigger")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("polcy", "x.xml")
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("polcy");
    }

    @Test
    void failsInitNamingThePolicyParameterWhenTheFileIsBroken() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<policy><global>");
        RemoveSubjectTrigger mailet = new RemoveSubjectTrigger();
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder()
            .mailetName("RemoveSubjectTrigger")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("policy", broken.toString())
            .build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("policy");
    }
}
