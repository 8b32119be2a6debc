package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.matchers.MatcherTesting.addresses;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.mail;

import java.nio.file.Path;
import javax.mail.MessagingException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.policy.PolicyFiles;

class SmimeAllowedMatchersTest {
    @TempDir
    Path dir;
    private String policy;

    @BeforeEach
    void writePolicy() {
        policy = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.EXAMPLE).toString();
    }

    @Test
    void matchesTheRecipientsForWhomSmimeIsAllowedByDefault() throws Exception {
        RecipientSmimeAllowed matcher = init(new RecipientSmimeAllowed(), "RecipientSmimeAllowed", "policy=" + policy);

        assertThat(addresses(matcher.match(mail("a@corp.example", "s", "x@legacy.example", "y@partner.example"))))
            .containsExactly("y@partner.example");
    }

    @Test
    void matchesTheRecipientsForWhomSmimeIsNotAllowedWithFalse() throws Exception {
        RecipientSmimeAllowed matcher = init(new RecipientSmimeAllowed(), "RecipientSmimeAllowed", "false;policy=" + policy);

        assertThat(addresses(matcher.match(mail("a@corp.example", "s", "x@legacy.example", "y@partner.example"))))
            .containsExactly("x@legacy.example");
    }

    @Test
    void decidesBySenderForTheSenderVariant() throws Exception {
        SenderSmimeAllowed matcher = init(new SenderSmimeAllowed(), "SenderSmimeAllowed", "policy=" + policy);

        assertThat(matcher.match(mail("old@legacy.example", "s", "a@corp.example"))).isEmpty();
        assertThat(matcher.match(mail("new@partner.example", "s", "a@corp.example"))).hasSize(1);
    }

    @Test
    void refusesAFlagOtherThanTrueOrFalse() {
        assertThatThrownBy(() -> init(new RecipientSmimeAllowed(), "RecipientSmimeAllowed", "yes;policy=" + policy))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'yes' is not one of true, false");
    }
}
