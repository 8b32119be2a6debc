package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;

import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mailet declares exactly the processors it may route to, so James checks them at start-up: its own, and the
 * {@code errorProcessor}/{@code limitProcessor} of {@link BoundedMailet} (James's {@code error} by default).
 */
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
            .containsExactlyInAnyOrder("plain", "held", "error");
    }

    @Test
    void smimeEncryptWithoutUnavailableProcessorDeclaresTheNoCertificateOneItFallsBackTo() throws Exception {
        assertThat(declared(new SmimeEncrypt(), "noCertificateProcessor", "plain"))
            .containsExactlyInAnyOrder("plain", "error");
    }

    @Test
    void smimeSignDeclaresItsProcessorsAndTheErrorProcessorItDefaultsTo() throws Exception {
        assertThat(declared(new SmimeSign(), "noIdentityProcessor", "unsigned"))
            .containsExactlyInAnyOrder("unsigned", "error");
        assertThat(declared(new SmimeSign(), "noIdentityProcessor", "unsigned", "unavailableProcessor", "held"))
            .containsExactlyInAnyOrder("unsigned", "held", "error");
    }

    @Test
    void smimeDecryptDeclaresItsFailureProcessorOnlyWhenConfigured() throws Exception {
        assertThat(declared(new SmimeDecrypt(), "failureProcessor", "undecryptable"))
            .containsExactlyInAnyOrder("undecryptable", "error");
        assertThat(declared(new SmimeDecrypt())).containsExactly("error");
    }

    @Test
    void mailetsThatNeverRouteOfTheirOwnDeclareOnlyTheirErrorAndLimitProcessors() throws Exception {
        assertThat(declared(new SmimeVerify())).containsExactly("error");
        assertThat(declared(new SmimeVerify(), "errorProcessor", "smime-error", "limitProcessor", "structure-limit"))
            .containsExactlyInAnyOrder("smime-error", "structure-limit");
        StripSecurityInfoHeaders strip = new StripSecurityInfoHeaders();
        strip.init(FakeMailetConfig.builder().mailetName("strip")
            .setProperty("authservId", "gateway.test").setProperty("errorProcessor", "smime-error").build());
        assertThat(strip.requiredProcessingState()).map(ProcessingState::getValue).containsExactly("smime-error");
    }
}
