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

class LocalityMatchersTest {
    @TempDir
    Path dir;
    private String policy;

    @BeforeEach
    void writePolicy() {
        policy = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.EXAMPLE).toString();
    }

    @Test
    void matchesOnlyTheExternalRecipientsByJamesLocalDomainsAndThePolicy() throws Exception {
        RecipientLocality matcher = init(new RecipientLocality(), "RecipientLocality", "external;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hi", "bob@corp.example", "carol@partner.example", "dan@branch.example");

        assertThat(addresses(matcher.match(mail))).containsExactly("carol@partner.example");
    }

    @Test
    void matchesTheInternalRecipientsIncludingDomainsThePolicyDeclaresInternal() throws Exception {
        RecipientLocality matcher = init(new RecipientLocality(), "RecipientLocality", "INTERNAL; policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hi", "bob@corp.example", "carol@partner.example", "dan@branch.example");

        assertThat(addresses(matcher.match(mail))).containsExactly("bob@corp.example", "dan@branch.example");
    }

    @Test
    void matchesAllRecipientsWhenTheSenderIsInternal() throws Exception {
        SenderLocality matcher = init(new SenderLocality(), "SenderLocality", "internal;policy=" + policy);

        assertThat(matcher.match(mail("alice@corp.example", "hi", "x@partner.example", "y@corp.example"))).hasSize(2);
        assertThat(matcher.match(mail("eve@outside.example", "hi", "y@corp.example"))).isEmpty();
    }

    @Test
    void neverMatchesABounceBySender() throws Exception {
        SenderLocality matcher = init(new SenderLocality(), "SenderLocality", "external;policy=" + policy);

        assertThat(matcher.match(mail(null, "hi", "y@corp.example"))).isEmpty();
    }

    @Test
    void recordsWhyEachRecipientWasDecidedInTheTrace() throws Exception {
        RecipientLocality matcher = init(new RecipientLocality(), "RecipientLocality", "external;policy=" + policy);
        FakeMail mail = mail("alice@corp.example", "hi", "bob@corp.example", "dan@branch.example");

        matcher.match(mail);

        assertThat(DecisionTrace.lines(mail)).containsExactly(
            "RecipientLocality=external;policy=" + policy
                + " bob@corp.example: not matched, locality=internal (James local domains)",
            "RecipientLocality=external;policy=" + policy
                + " dan@branch.example: not matched, locality=internal (domain branch.example)");
    }

    @Test
    void refusesAMissingOrUnknownLocalityNamingTheAcceptedValues() {
        assertThatThrownBy(() -> init(new RecipientLocality(), "RecipientLocality", "policy=" + policy))
            .isInstanceOf(MessagingException.class).hasMessageContaining("RecipientLocality").hasMessageContaining("internal|external");
        assertThatThrownBy(() -> init(new SenderLocality(), "SenderLocality", "outside;policy=" + policy))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'outside' is not one of internal, external");
    }

    @Test
    void refusesAnUnknownOptionAndAMissingPolicyFile() {
        assertThatThrownBy(() -> init(new RecipientLocality(), "RecipientLocality", "external;polcy=" + policy))
            .isInstanceOf(MessagingException.class).hasMessageContaining("unknown option 'polcy'")
            .hasMessageContaining("accepted options: policy");
        assertThatThrownBy(() -> init(new RecipientLocality(), "RecipientLocality", "external;policy=" + dir.resolve("none.xml")))
            .isInstanceOf(MessagingException.class).hasMessageContaining("none.xml: cannot be read");
    }
}
