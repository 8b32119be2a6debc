package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySourceTest {
    private static final String ADDRESS = "bob@partner.example";

    @TempDir
    Path dir;

    private static EncryptMode modeOf(PolicySource source) {
        return source.current().resolve(Setting.ENCRYPT, ADDRESS).value();
    }

    @Test
    void picksUpAnEditedFileWithoutBeingReopened() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>allow</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ZERO);
        assertThat(modeOf(source)).isEqualTo(EncryptMode.ALLOW);

        PolicyFiles.write(file, PolicyFiles.global("<encrypt>mandatory</encrypt>"));

        assertThat(modeOf(source)).isEqualTo(EncryptMode.MANDATORY);
        assertThat(source.status()).isInstanceOf(PolicyStatus.Current.class);
    }

    @Test
    void keepsTheLastGoodPolicyWhenAnEditIsBrokenAndSaysWhere() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>mandatory</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ZERO);

        PolicyFiles.write(file, "<policy>\n  <global>\n    <encrypt>none</encrypt>\n</policy>\n");

        assertThat(modeOf(source)).isEqualTo(EncryptMode.MANDATORY);
        assertThat(source.status()).isInstanceOfSatisfying(PolicyStatus.KeptLastGood.class,
            kept -> assertThat(kept.error()).contains(file.toString()).contains("line 4"));
    }

    @Test
    void keepsTheLastGoodPolicyWhenAnEditHasABadValue() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>mandatory</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ZERO);

        PolicyFiles.write(file, PolicyFiles.global("<encrypt>off</encrypt>"));

        assertThat(modeOf(source)).isEqualTo(EncryptMode.MANDATORY);
        assertThat(source.status()).isInstanceOfSatisfying(PolicyStatus.KeptLastGood.class,
            kept -> assertThat(kept.error()).contains("<global>: <encrypt>: 'off' is not one of none, allow, mandatory"));
    }

    @Test
    void recoversWhenTheBrokenFileIsFixed() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>allow</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ZERO);
        PolicyFiles.write(file, "<policy>");
        source.current();

        PolicyFiles.write(file, PolicyFiles.global("<encrypt>none</encrypt>"));

        assertThat(modeOf(source)).isEqualTo(EncryptMode.NONE);
        assertThat(source.status()).isInstanceOf(PolicyStatus.Current.class);
    }

    @Test
    void keepsTheLastGoodPolicyWhileTheFileIsMissing() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>mandatory</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ZERO);

        Files.delete(file);

        assertThat(modeOf(source)).isEqualTo(EncryptMode.MANDATORY);
        assertThat(source.status()).isInstanceOfSatisfying(PolicyStatus.KeptLastGood.class,
            kept -> assertThat(kept.error()).contains("cannot be read"));
    }

    @Test
    void looksAtTheFileOnlyOncePerInterval() throws Exception {
        Path file = PolicyFiles.write(dir.resolve("policy.xml"), PolicyFiles.global("<encrypt>allow</encrypt>"));
        PolicySource source = PolicySource.open(file, Duration.ofHours(1));

        PolicyFiles.write(file, PolicyFiles.global("<encrypt>none</encrypt>"));

        assertThat(modeOf(source)).isEqualTo(EncryptMode.ALLOW);
        source.checkNow();
        assertThat(modeOf(source)).isEqualTo(EncryptMode.NONE);
    }

    @Test
    void refusesToOpenABrokenOrMissingFileBecauseThereIsNoGoodPolicyToKeep() {
        Path broken = PolicyFiles.write(dir.resolve("broken.xml"), "<policy><global>");

        assertThatThrownBy(() -> PolicySource.open(broken, Duration.ZERO))
            .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("broken.xml: line 1");
        assertThatThrownBy(() -> PolicySource.open(dir.resolve("absent.xml"), Duration.ZERO))
            .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("absent.xml: cannot be read");
    }
}
