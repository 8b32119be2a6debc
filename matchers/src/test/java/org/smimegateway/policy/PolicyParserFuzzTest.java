package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the policy file parser: whatever bytes an operator (or a broken editor) leaves in the file, the parser
 * returns a policy or an {@link InvalidPolicyException}; nothing else escapes, and a policy it returns answers for
 * any address. Seeds: the README example, the sample pipeline's policy and a few edge cases written here. How to
 * fuzz for longer: mailets/README.md, "Fuzzing".
 */
class PolicyParserFuzzTest {
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void parse(byte[] xml) {
        Policy policy;
        try {
            policy = PolicyParser.parse(xml, "fuzz.xml");
        } catch (InvalidPolicyException e) {
            assertThat(e.getMessage()).startsWith("fuzz.xml: ");
            return;
        }
        assertThat(policy.forAddress("someone@corp.example", "corp.example"::equals)).isNotNull();
        assertThat(policy.forAddress("", domain -> false)).isNotNull();
    }

    static Stream<Arguments> seeds() throws IOException {
        List<Arguments> seeds = new ArrayList<>();
        seeds.add(seed("PolicyFiles.EXAMPLE", PolicyFiles.EXAMPLE));
        seeds.add(seed("global", PolicyFiles.global("<encrypt>mandatory</encrypt><sign>always</sign>")));
        seeds.add(seed("unknown element", "<policy><globl/></policy>"));
        seeds.add(seed("doctype", "<!DOCTYPE policy [<!ENTITY x \"y\">]><policy>&x;</policy>"));
        seeds.add(seed("trigger", "<policy><user address=\"a@b\"><subjectTrigger caseSensitive=\"true\">"
            + "[(]</subjectTrigger></user></policy>"));
        for (Path file : List.of(Path.of("README.md"), Path.of("../conf-samples/gateway/smime-policy.xml"))) {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int start = text.indexOf("<?xml");
                int end = text.indexOf("```", start);
                seeds.add(seed(file.getFileName().toString(), text.substring(start, end < 0 ? text.length() : end)));
            }
        }
        return seeds.stream();
    }

    private static Arguments seed(String name, String xml) {
        return Arguments.of(Named.of(name, xml.getBytes(StandardCharsets.UTF_8)));
    }
}
