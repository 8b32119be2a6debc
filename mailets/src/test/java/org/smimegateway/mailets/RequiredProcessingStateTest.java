package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;

import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mailet that routes mail declares exactly the processors it may route to, so James checks them at start-up. */
class RequiredProcessingStateTest {

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir);
    }

    private Collection<String> declared(GenericMailet mailet, String... parameters) throws Exception {
        return gateway.init(mailet, parameters).requiredProcessingState().stream().map(ProcessingState::getValue)
            .toList();
    }

    @Test
    void smimeEncryptDeclaresBothOfItsProcessors() throws Exception {
        assertThat(declared(new SmimeEncrypt(), "noCertificateProcessor", "plain", "unavailableProcessor", "held"))
            .containsExactlyInAnyOrder("plain", "held");
    }

    @Test
    void smimeEncryptWithoutUnavailableProcessorDeclaresTheNoCertificateOneItFallsBackTo() throws Exception {
        assertThat(declared(new SmimeEncrypt(), "noCertificateProcessor", "plain")).containsExactly("plain");
    }

    @Test
    void smimeSignDeclaresItsProcessorsAndTheErrorProcessorItDefaultsTo() throws Exception {
        assertThat(declared(new SmimeSign(), "noIdentityProcessor", "unsigned"))
            .containsExactlyInAnyOrder("unsigned", "error");
        assertThat(declared(new SmimeSign(), "noIdentityProcessor", "unsigned", "unavailableProcessor", "held"))
            .containsExactlyInAnyOrder("unsigned", "held");
    }

    @Test
    void smimeDecryptDeclaresItsFailureProcessorOnlyWhenConfigured() throws Exception {
        assertThat(declared(new SmimeDecrypt(), "failureProcessor", "undecryptable")).containsExactly("undecryptable");
        assertThat(declared(new SmimeDecrypt())).isEmpty();
    }

    @Test
    void mailetsThatNeverRouteDeclareNothing() throws Exception {
        assertThat(declared(new SmimeVerify())).isEmpty();
        assertThat(new StripSecurityInfoHeaders().requiredProcessingState()).isEmpty();
    }
}
