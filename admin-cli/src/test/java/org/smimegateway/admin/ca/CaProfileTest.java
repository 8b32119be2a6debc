package org.smimegateway.admin.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.smimegateway.admin.KeyAlgorithm;

class CaProfileTest {

    @Test
    void refusesTheSameCommonNameForRootAndIntermediate() {
        assertThatThrownBy(() -> new CaProfile("Gateway CA", "gateway ca", Optional.empty(), KeyAlgorithm.DEFAULT,
            1825, Optional.empty(), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }

    @Test
    void refusesPublicationUrlsThatClientsCannotFetch() {
        assertThatThrownBy(() -> new CaProfile("Root", "Issuing", Optional.empty(), KeyAlgorithm.DEFAULT, 1825,
            Optional.of(URI.create("file:///srv/crl")), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    }

    @Test
    void defaultsToRsa2048AndFiveYears() {
        assertThat(KeyAlgorithm.DEFAULT).isEqualTo(KeyAlgorithm.RSA_2048);
        assertThat(KeyAlgorithm.DEFAULT.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(CaProfile.DEFAULT_VALIDITY_DAYS).isEqualTo(1825);
    }

    @Test
    void normalisesAddressesAndRejectsPathTricks() {
        assertThat(EndUserRequest.normalise(" Alice@Example.COM ")).isEqualTo("alice@example.com");
        assertThatThrownBy(() -> EndUserRequest.normalise("../x@y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndUserRequest.normalise("no-at-sign")).isInstanceOf(IllegalArgumentException.class);
    }
}
