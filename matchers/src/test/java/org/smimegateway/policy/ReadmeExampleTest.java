package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The policy file documented in the README is the one the tests use, so the documentation cannot drift. */
class ReadmeExampleTest {
    @Test
    void theReadmePolicyExampleLoadsAndMeansWhatTheTestsAssume() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<?xml");
        String xml = readme.substring(start, readme.indexOf("```", start));

        Policy documented = PolicyParser.parse(xml.getBytes(StandardCharsets.UTF_8), "README.md");
        Policy tested = PolicyParser.parse(PolicyFiles.EXAMPLE.getBytes(StandardCharsets.UTF_8), "PolicyFiles.EXAMPLE");

        for (String address : new String[] {"a@corp.example", "ceo+x@corp.example", "bob@partner.example",
            "press@partner.example", "x@us.partner.example", "y@paris.eu.partner.example", "z@branch.example",
            "w@legacy.example", "m@modern.example", "o@oldclients.example"}) {
            assertThat(documented.forAddress(address, "corp.example"::equals))
                .as(address).isEqualTo(tested.forAddress(address, "corp.example"::equals));
            for (Setting<Boolean> form : java.util.List.of(Setting.PROTECT_HEADERS, Setting.LEGACY_CONTENT_TYPES)) {
                assertThat(documented.resolve(form, address)).as(address + " " + form).isEqualTo(tested.resolve(form, address));
            }
        }
        assertThat(documented.resolve(Setting.PROTECT_HEADERS, "m@modern.example").value()).isTrue();
        assertThat(documented.resolve(Setting.LEGACY_CONTENT_TYPES, "o@oldclients.example").value()).isTrue();
        assertThat(documented.traceHeader()).isFalse();
    }
}
