package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.addresses;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.mail;

import java.nio.file.Path;
import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.policy.PolicyFiles;
import org.smimegateway.policy.SecurityAttributes;

class EncryptModeMatchersTest {
    @TempDir
    Path dir;
    private Path policyFile;
    private String policy;

    @BeforeEach
    void writePolicy() {
        policyFile = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.EXAMPLE);
        policy = policyFile.toString();
    }

    @Test
    void matchesExactlyTheRecipientsWithAListedMode() throws Exception {
        RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode", "mandatory;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hello", "bob@partner.example", "press@partner.example",
            "x@us.partner.example", "y@paris.eu.partner.example");

        assertThat(addresses(matcher.match(mail))).containsExactly("bob@partner.example", "y@paris.eu.partner.example");
    }

    @Test
    void acceptsSeveralModes() throws Exception {
        RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode", "allow, mandatory;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hello", "press@partner.example", "x@us.partner.example");

        assertThat(addresses(matcher.match(mail))).containsExactly("press@partner.example");
    }

    @Test
    void makesEveryRecipientMandatoryWhenTheSubjectCarriesTheTrigger() throws Exception {
        RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode", "mandatory;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "[encrypt] hello", "dave@legacy.example");

        assertThat(addresses(matcher.match(mail))).containsExactly("dave@legacy.example");
        assertThat(DecisionTrace.lines(mail)).singleElement().asString()
            .contains("encrypt=mandatory (subject trigger /\\[encrypt\\]/i (removed) from global, was none (domain legacy.example))");
    }

    @Test
    void ignoresTheTriggerWhenToldTo() throws Exception {
        RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode",
            "mandatory;trigger=false;policy=" + policy);

        assertThat(matcher.match(mail("alice@corp.example", "[encrypt] hello", "dave@legacy.example"))).isEmpty();
    }

    @Test
    void writesTheTraceHeaderWhenThePolicyEnablesIt() throws Exception {
        RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode", "mandatory;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hello", "bob@partner.example");

        matcher.match(mail);

        assertThat(mail.getMessage().getHeader(SecurityAttributes.TRACE_HEADER)).singleElement().asString()
            .endsWith("bob@partner.example: matched, encrypt=mandatory (domain partner.example)");
    }

    @Test
    void followsAnEditedPolicyOnTheNextMail() throws Exception {
        System.setProperty("smimegateway.policy.checkIntervalMillis", "0");
        try {
            Path file = PolicyFiles.write(dir.resolve("edited.xml"), PolicyFiles.global("<encrypt>allow</encrypt>"));
            RecipientEncryptMode matcher = init(new RecipientEncryptMode(), "RecipientEncryptMode", "mandatory;policy=" + file);
            assertThat(matcher.match(mail("alice@corp.example", "hi", "bob@partner.example"))).isEmpty();

            PolicyFiles.write(file, PolicyFiles.global("<encrypt>mandatory</encrypt>"));

            assertThat(matcher.match(mail("alice@corp.example", "hi", "bob@partner.example"))).hasSize(1);
        } finally {
            System.clearProperty("smimegateway.policy.checkIntervalMillis");
        }
    }

    @Test
    void matchesAllRecipientsWhenTheSendersOwnModeIsListed() throws Exception {
        SenderEncryptMode matcher = init(new SenderEncryptMode(), "SenderEncryptMode", "mandatory;policy=" + policy);

        assertThat(matcher.match(mail("ceo@corp.example", "numbers", "a@x.example", "b@y.example"))).hasSize(2);
        assertThat(matcher.match(mail("alice@corp.example", "numbers", "a@x.example"))).isEmpty();
        assertThat(matcher.match(mail("alice@corp.example", "[encrypt] numbers", "a@x.example"))).hasSize(1);
    }

    @Test
    void refusesAnUnknownModeNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> init(new RecipientEncryptMode(), "RecipientEncryptMode", "always;policy=" + policy))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Matcher RecipientEncryptMode: argument 'always' is not one of none, allow, mandatory");
        assertThatThrownBy(() -> init(new SenderEncryptMode(), "SenderEncryptMode", "none;trigger=maybe;policy=" + policy))
            .isInstanceOf(MessagingException.class).hasMessageContaining("trigger=maybe");
    }
}
