package org.smimegateway.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void normalizesCaseWhitespaceAndAngleBrackets() {
        assertThat(Addresses.normalize(" <Alice@Example.COM> ")).contains("alice@example.com");
    }

    @Test
    void refusesTextThatIsNotAnAddress() {
        assertThat(Addresses.normalize("alice")).isEmpty();
        assertThat(Addresses.normalize("@example.com")).isEmpty();
        assertThat(Addresses.normalize("alice@")).isEmpty();
        assertThat(Addresses.normalize("al ice@example.com")).isEmpty();
        assertThat(Addresses.normalize(null)).isEmpty();
    }

    @Test
    void triesTheAddressThenWithoutTagThenTheDomain() {
        assertThat(Addresses.lookupKeys("bob+news@example.com"))
            .containsExactly("bob+news@example.com", "bob@example.com", "*@example.com");
        assertThat(Addresses.lookupKeys("bob@example.com")).containsExactly("bob@example.com", "*@example.com");
    }

    @Test
    void aLeadingPlusIsNotATag() {
        assertThat(Addresses.untagged("+bob@example.com")).isEmpty();
    }
}
