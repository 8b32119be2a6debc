package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRegistryTest {
    @TempDir
    Path dir;

    @Test
    void sharesOneSourceForEverySpellingOfTheSameFile() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("conf/shared.xml"), PolicyFiles.global("<encrypt>allow</encrypt>"));

        PolicySource first = PolicyRegistry.shared(file.toString());

        assertThat(PolicyRegistry.shared("file://" + file)).isSameAs(first);
        assertThat(PolicyRegistry.shared(dir.resolve("conf/../conf/shared.xml").toString())).isSameAs(first);
    }

    @Test
    void forgetsAFileThatFailedSoTheFixedFileLoadsOnTheNextTry() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("late.xml"), "<policy>");
        assertThatThrownBy(() -> PolicyRegistry.shared(file.toString())).isInstanceOf(InvalidPolicyException.class);

        PolicyFiles.write(file, PolicyFiles.global("<encrypt>none</encrypt>"));

        assertThat(PolicyRegistry.shared(file.toString()).current().resolve(Setting.ENCRYPT, "a@b.example").value())
            .isEqualTo(EncryptMode.NONE);
    }
}
