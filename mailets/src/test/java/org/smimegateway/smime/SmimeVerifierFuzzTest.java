package org.smimegateway.smime;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes signature verification with the CMS object as input, both ways a signature arrives: as opaque signed-data,
 * and as the detached signature of a multipart/signed over a fixed entity (one seed is alice's valid signature over
 * it). Each layer's result must render as verdict headers; only the declared checked exceptions may escape.
 * Fuzzing: mailets/README.md, "Fuzzing".
 */
class SmimeVerifierFuzzTest {
    private static final SmimeVerifier VERIFIER = FuzzFixture.verifier();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void verify(byte[] cms) throws Exception {
        MimeMessage opaque = FuzzFixture.opaque(cms, "signed-data");
        MimeMessage clearSigned = FuzzFixture.clearSigned(cms);
        SmimeVerifier.Checked fromOpaque;
        SmimeVerifier.Checked fromClearSigned;
        try {
            fromOpaque = VERIFIER.verifyOpaque(opaque, 0);
            fromClearSigned = VERIFIER.verifyClearSigned(clearSigned, 0);
        } catch (MessagingException | IOException e) {
            return;
        }
        FuzzFixture.assertDeliverable(new InspectionResult(fromOpaque.delivered(), List.of(fromOpaque.layer())));
        FuzzFixture.assertDeliverable(new InspectionResult(fromClearSigned.delivered(), List.of(fromClearSigned.layer())));
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.cmsSeeds();
    }
}
