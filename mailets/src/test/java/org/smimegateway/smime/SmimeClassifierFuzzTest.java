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
 *
 * <p>The walk stops at {@link #MAX_DEPTH}: the classifier reads one part's Content-Type and at most 64 bytes of its
 * body and never looks up or down the tree, so a part at depth 200 tests nothing one at depth 4 does not, while each
 * deeper level makes javax.mail scan the rest of the message again (a 256 KB nested seed cost ~50 MB of parsing per
 * run, almost all of this target's time). Deep nesting itself is fuzzed where it matters: the inspector.
 */
class SmimeClassifierFuzzTest {
    private static final int MAX_PARTS = 200;
    private static final int MAX_DEPTH = 4;

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void classify(byte[] message) throws Exception {
        Deque<Nested> parts = new ArrayDeque<>();
        try {
            parts.add(new Nested(MimeEntities.parse(message), 0));
            for (int seen = 0; !parts.isEmpty() && seen < MAX_PARTS; seen++) {
                Nested nested = parts.poll();
                Part part = nested.part();
                assertThat(SmimeClassifier.classify(part)).isNotNull();
                Object content = nested.depth() < MAX_DEPTH && part.isMimeType("multipart/*") ? part.getContent() : null;
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        parts.add(new Nested(multipart.getBodyPart(i), nested.depth() + 1));
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            // The message or a part cannot be parsed: the classifier was not the one to fail.
        }
    }

    private record Nested(Part part, int depth) {
    }

    static Stream<Arguments> seeds() throws Exception {
        return FuzzFixture.messageSeeds();
    }
}
