package org.smimegateway.keystore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    private static final Path BASE = Path.of("/etc/james");

    @Test
    void readsShortAndIsoDurations() {
        assertThat(ConfigValues.duration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigValues.duration("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigValues.duration("x", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigValues.duration("x", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigValues.duration("x", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigValues.duration("x", "PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void resolvesJamesStyleFileUrlsAndPlainPaths() {
        assertThat(ConfigValues.location("x", "file:///var/lib/store", BASE)).isEqualTo(Path.of("/var/lib/store"));
        assertThat(ConfigValues.location("x", "file://conf/store", BASE)).isEqualTo(Path.of("/etc/james/conf/store"));
        assertThat(ConfigValues.location("x", "store", BASE)).isEqualTo(Path.of("/etc/james/store"));
        assertThat(ConfigValues.location("x", "/abs/store", BASE)).isEqualTo(Path.of("/abs/store"));
    }

    @Test
    void resolvesClasspathResourcesThatAreFiles() {
        Path marker = ConfigValues.location("x", "classpath://config-test/marker.txt", BASE);

        assertThat(Files.isRegularFile(marker)).isTrue();
        assertThatThrownBy(() -> ConfigValues.location("x", "classpath://nothing/here", BASE))
            .hasMessageContaining("not found");
    }

    @Test
    void refusesRemoteLocationsAndNonsense() {
        assertThatThrownBy(() -> ConfigValues.location("store", "http://example.com/store", BASE))
            .hasMessageContaining("store").hasMessageContaining("not a local location");
        assertThatThrownBy(() -> ConfigValues.bool("flag", "maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigValues.positiveInt("size", "0")).hasMessageContaining("positive integer");
    }
}
