package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smimegateway.policy.SmimeClassifier;

/**
 * Fuzzes {@link SmimeClassifier} (module matchers; fuzzed here, where the message seeds are) on a whole message and
 * on every part below it, as the matchers and the inspector call it: it must name a kind, never throw anything but
 * the declared {@link MessagingException}. The walk is a bounded loop, not recursion. Fuzzing: mailets/README.md,
 * "Fuzzing".
 */
class SmimeClassifierFuzzTest {
    private static final int MAX_PARTS = 200;

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void classify(byte[] message) throws Exception {
        Deque<Part> parts = new ArrayDeque<>();
        try {
            parts.add(MimeEntities.parse(message));
            for (int seen = 0; !parts.isEmpty() && seen < MAX_PARTS; seen++) {
                Part part = parts.poll();
                assertThat(SmimeClassifier.classify(part)).isNotNull();
                Object content = part.isMimeType("multipart/*") ? part.getContent() : null;
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        parts.add(multipart.getBodyPart(i));
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            // The message or a part cannot be parsed: the classifier was not the one to fail.
        }
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.messageSeeds();
    }
}
