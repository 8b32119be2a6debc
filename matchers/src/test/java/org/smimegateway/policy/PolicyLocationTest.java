package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyLocationTest {
    private String previous;

    @BeforeEach
    void rememberWorkingDirectory() {
        previous = System.getProperty(PolicyLocation.WORKING_DIRECTORY);
        System.setProperty(PolicyLocation.WORKING_DIRECTORY, "/opt/james");
    }

    @AfterEach
    void restoreWorkingDirectory() {
        if (previous == null) {
            System.clearProperty(PolicyLocation.WORKING_DIRECTORY);
        } else {
            System.setProperty(PolicyLocation.WORKING_DIRECTORY, previous);
        }
    }

    @Test
    void resolvesRelativePathsAgainstJamesWorkingDirectory() {
        assertThat(PolicyLocation.resolve("conf/smime-policy.xml")).isEqualTo(Path.of("/opt/james/conf/smime-policy.xml"));
    }

    @Test
    void stripsTheFilePrefixLikeJamesDoes() {
        assertThat(PolicyLocation.resolve("file://conf/smime-policy.xml")).isEqualTo(Path.of("/opt/james/conf/smime-policy.xml"));
        assertThat(PolicyLocation.resolve("file:///etc/james/policy.xml")).isEqualTo(Path.of("/etc/james/policy.xml"));
    }

    @Test
    void keepsAbsolutePaths() {
        assertThat(PolicyLocation.resolve("/etc/james/../james/policy.xml")).isEqualTo(Path.of("/etc/james/policy.xml"));
    }

    @Test
    void refusesOtherSchemesAndEmptyLocations() {
        assertThatThrownBy(() -> PolicyLocation.resolve("classpath://policy.xml")).hasMessageContaining("is not a file path");
        assertThatThrownBy(() -> PolicyLocation.resolve(" ")).hasMessageContaining("empty");
    }
}
