package org.smimegateway.admin.pkcs12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    @Test
    void generatesGroupsOfFourWithoutLookAlikeCharacters() {
        String password = new String(new PasswordGenerator().generate());

        assertThat(password).matches("[2-9A-HJ-NP-Za-km-z]{4}(-[2-9A-HJ-NP-Za-km-z]{4}){4}");
        assertThat(password).doesNotContainPattern("[01OIl]");
    }

    @Test
    void neverRepeatsItself() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(new String(new PasswordGenerator().generate()));
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void refusesShortPasswords() {
        assertThatThrownBy(() -> new PasswordGenerator().generate(8)).isInstanceOf(IllegalArgumentException.class);
    }
}
