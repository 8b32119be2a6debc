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
        // Each way on its own: an opaque object the verifier refuses must not spare the clear-signed path its check.
        check(() -> VERIFIER.verifyOpaque(opaque, 0));
        check(() -> VERIFIER.verifyClearSigned(clearSigned, 0));
    }

    private static void check(Verification verification) throws Exception {
        SmimeVerifier.Checked checked;
        try {
            checked = verification.run();
        } catch (MessagingException | IOException e) {
            return;
        }
        FuzzFixture.assertDeliverable(new InspectionResult(checked.delivered(), List.of(checked.layer())));
    }

    @FunctionalInterface
    private interface Verification {
        SmimeVerifier.Checked run() throws MessagingException, IOException;
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.cmsSeeds();
    }
}
