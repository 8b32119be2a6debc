package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.mail;

import java.nio.file.Path;
import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.policy.PolicyFiles;

class SubjectAndSigningMatchersTest {
    @TempDir
    Path dir;
    private String policy;

    @BeforeEach
    void writePolicy() {
        policy = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.EXAMPLE).toString();
    }

    @Test
    void matchesAllRecipientsWhenTheSubjectCarriesThePolicyTrigger() throws Exception {
        HasSubjectTrigger matcher = init(new HasSubjectTrigger(), "HasSubjectTrigger", "policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "Re: [Encrypt] salaries", "a@x.example", "b@y.example");

        assertThat(matcher.match(mail)).hasSize(2);
        assertThat(DecisionTrace.lines(mail)).singleElement().asString().contains("subject contains '[Encrypt]'");
        assertThat(matcher.match(mail("alice@corp.example", "salaries", "a@x.example"))).isEmpty();
    }

    @Test
    void usesAFixedPatternWithSemicolonsWhenGiven() throws Exception {
        HasSubjectTrigger matcher = init(new HasSubjectTrigger(), "HasSubjectTrigger", "caseSensitive=true;pattern=SECURE;");

        assertThat(matcher.match(mail("a@corp.example", "SECURE; plan", "b@x.example"))).hasSize(1);
        assertThat(matcher.match(mail("a@corp.example", "secure plan", "b@x.example"))).isEmpty();
    }

    @Test
    void refusesABadPatternAndAPatternTogetherWithAPolicy() {
        assertThatThrownBy(() -> init(new HasSubjectTrigger(), "HasSubjectTrigger", "pattern=[secure"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("option 'pattern'")
            .hasMessageContaining("'[secure' is not a valid regular expression");
        assertThatThrownBy(() -> init(new HasSubjectTrigger(), "HasSubjectTrigger", "policy=" + policy + ";pattern=x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("does not use it");
    }

    @Test
    void signsForSendersWithSignAlwaysAndForTriggeredSubjects() throws Exception {
        SenderShouldSign matcher = init(new SenderShouldSign(), "SenderShouldSign", "policy=" + policy);

        assertThat(matcher.match(mail("ceo@corp.example", "numbers", "a@x.example"))).hasSize(1);
        assertThat(matcher.match(mail("alice@corp.example", "numbers", "a@x.example"))).isEmpty();
        assertThat(matcher.match(mail("alice@corp.example", "[encrypt] numbers", "a@x.example"))).hasSize(1);
    }

    @Test
    void neverSignsForASenderWithoutSmime() throws Exception {
        SenderShouldSign matcher = init(new SenderShouldSign(), "SenderShouldSign", "policy=" + policy);
        FakeMail mail = mail("old@legacy.example", "[encrypt] numbers", "a@x.example");

        assertThat(matcher.match(mail)).isEmpty();
        assertThat(DecisionTrace.lines(mail)).singleElement().asString().contains("smime=false (domain legacy.example)");
    }
}
