package org.smimegateway.smime;

import java.io.IOException;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the inspector over whole messages, as SmimeDecrypt and SmimeVerify hand them over: every layer decrypted,
 * verified or unwrapped, then the message written out and the verdict headers rendered. A checked
 * {@link MessagingException} or {@link IOException} is the engine saying "cannot read this message", which the mailets
 * turn into a route; anything else escaping (unchecked exceptions, errors such as StackOverflowError), a header value
 * spanning lines, or "trusted" without "verified" is a finding. Fuzzing: mailets/README.md, "Fuzzing".
 */
class SmimeInspectorFuzzTest {
    private static final SmimeInspector INSPECTOR = FuzzFixture.inspector();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void inspect(byte[] message) throws Exception {
        MimeMessage parsed;
        InspectionResult result;
        try {
            parsed = MimeEntities.parse(message);
            result = INSPECTOR.inspect(parsed);
        } catch (MessagingException | IOException e) {
            return;
        }
        FuzzFixture.assertDeliverable(result);
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.messageSeeds();
    }
}
