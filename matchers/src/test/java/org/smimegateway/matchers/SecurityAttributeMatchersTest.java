package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.matchers.MatcherTesting.init;
import static org.smimegateway.matchers.MatcherTesting.mail;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smimegateway.policy.SecurityAttributes;

class SecurityAttributeMatchersTest {
    private static FakeMail mailWith(String... flags) throws Exception {
        FakeMail mail = mail("alice@partner.example", "s", "bob@corp.example");
        for (int i = 0; i < flags.length; i += 2) {
            mail.setAttribute(new Attribute(AttributeName.of(flags[i]), AttributeValue.of(Boolean.valueOf(flags[i + 1]))));
        }
        return mail;
    }

    @Test
    void matchesMailThatHadASignatureOrAnEnvelope() throws Exception {
        HasSecurityInfo matcher = init(new HasSecurityInfo(), "HasSecurityInfo", null);

        assertThat(matcher.match(mailWith(SecurityAttributes.ENCRYPTED, "true"))).hasSize(1);
        assertThat(matcher.match(mailWith(SecurityAttributes.ENCRYPTED, "true", SecurityAttributes.DECRYPTED, "false")))
            .hasSize(1);
        assertThat(matcher.match(mailWith(SecurityAttributes.SIGNED, "true", SecurityAttributes.SIGNER_VERIFIED, "false",
            SecurityAttributes.SIGNER_TRUSTED, "false"))).hasSize(1);
    }

    @Test
    void doesNotMatchPlaintextThatSmimeVerifyStampedWithFalseFlags() throws Exception {
        HasSecurityInfo matcher = init(new HasSecurityInfo(), "HasSecurityInfo", null);

        // What SmimeVerify records on every plaintext mail it sees (the mailets module runs the real mailet too).
        assertThat(matcher.match(mailWith(SecurityAttributes.SIGNED, "false", SecurityAttributes.SIGNER_VERIFIED, "false",
            SecurityAttributes.SIGNER_TRUSTED, "false"))).isEmpty();
        assertThat(matcher.match(mailWith())).isEmpty();
    }

    @Test
    void matchesOnlyAVerifiedSignatureFromATrustedSigner() throws Exception {
        IsSignerVerifiedAndTrusted matcher = init(new IsSignerVerifiedAndTrusted(), "IsSignerVerifiedAndTrusted", null);

        assertThat(matcher.match(mailWith(SecurityAttributes.SIGNER_VERIFIED, "true", SecurityAttributes.SIGNER_TRUSTED, "true")))
            .hasSize(1);
        assertThat(matcher.match(mailWith(SecurityAttributes.SIGNER_VERIFIED, "true", SecurityAttributes.SIGNER_TRUSTED, "false")))
            .isEmpty();
        assertThat(matcher.match(mailWith(SecurityAttributes.SIGNER_TRUSTED, "true"))).isEmpty();
    }

    @Test
    void readsStringFlagsAsSetMailAttributeWritesThem() throws Exception {
        IsSignerVerifiedAndTrusted matcher = init(new IsSignerVerifiedAndTrusted(), "IsSignerVerifiedAndTrusted", null);
        FakeMail mail = mail("alice@partner.example", "s", "bob@corp.example");
        mail.setAttribute(new Attribute(AttributeName.of(SecurityAttributes.SIGNER_VERIFIED), AttributeValue.of("true")));
        mail.setAttribute(new Attribute(AttributeName.of(SecurityAttributes.SIGNER_TRUSTED), AttributeValue.of("TRUE")));

        assertThat(matcher.match(mail)).hasSize(1);
    }
}
