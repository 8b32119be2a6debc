package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicyParser;
import org.smimegateway.policy.Setting;
import org.smimegateway.webadmin.PolicyDocument.Level;
import org.smimegateway.webadmin.PolicyDocument.Value;

class PolicyDocumentTest {
    private static final String FILE = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Policy of corp.example: ask Jo before changing it. -->
        <policy>
            <trace header="false"/>

            <!-- Defaults for everybody. -->
            <global>
                <encrypt>allow</encrypt>
                <subjectTrigger caseSensitive="true" remove="false">\\[secure\\]</subjectTrigger>
            </global>

            <!-- Our bank. -->
            <domain name="bank.example">
                <encrypt>mandatory</encrypt> <!-- contract 2026-04 -->
                <sign>always</sign>
            </domain>
            <domain name="*.partner.example">
                <encrypt>none</encrypt>
            </domain>

            <user address="ceo@corp.example">
                <sign>always</sign>
            </user>
        </policy>
        <!-- end -->
        """;

    @Test
    void readsEachRuleWithOnlyItsExplicitSettingsInFileOrder() {
        Map<String, Object> rules = PolicyDocument.parse(bytes(FILE)).rules();

        assertThat(rules.get("global")).isEqualTo(Map.of("encrypt", "allow", "subjectTrigger",
            Map.of("value", "\\[secure\\]", "caseSensitive", "true", "remove", "false")));
        assertThat(rules.get("domains")).isEqualTo(List.of(
            Map.of("name", "bank.example", "settings", Map.of("encrypt", "mandatory", "sign", "always")),
            Map.of("name", "*.partner.example", "settings", Map.of("encrypt", "none"))));
        assertThat(rules.get("users")).isEqualTo(List.of(
            Map.of("address", "ceo@corp.example", "settings", Map.of("sign", "always"))));
    }

    @Test
    void addingADomainKeepsCommentsOtherRulesAndTheirOrderByteForByte() throws Exception {
        PolicyDocument document = PolicyDocument.parse(bytes(FILE));

        document.put(Level.DOMAIN, "Shop.Example", settings("encrypt", "mandatory", "contentEncryption", "AES256_GCM"));

        String written = new String(document.bytes(), StandardCharsets.UTF_8);
        String partner = "        <encrypt>none</encrypt>\n    </domain>\n";
        assertThat(written).isEqualTo(FILE.replace(partner, partner + "    <domain name=\"shop.example\">\n"
            + "        <encrypt>mandatory</encrypt>\n        <contentEncryption>AES256_GCM</contentEncryption>\n"
            + "    </domain>\n"));
        Policy policy = PolicyParser.parse(document.bytes(), "edited");
        assertThat(policy.resolve(Setting.ENCRYPT, "a@shop.example").value().name()).isEqualTo("MANDATORY");
    }

    @Test
    void editingARuleChangesItsValuesInPlaceDropsTheOnesNotGivenAndKeepsItsComment() {
        PolicyDocument document = PolicyDocument.parse(bytes(FILE));

        document.put(Level.DOMAIN, "bank.example", settings("encrypt", "allow", "keyTransport", "RSA_OAEP_SHA256"));

        String written = new String(document.bytes(), StandardCharsets.UTF_8);
        assertThat(written).contains("""
                <!-- Our bank. -->
                <domain name="bank.example">
                    <encrypt>allow</encrypt> <!-- contract 2026-04 -->
                    <keyTransport>RSA_OAEP_SHA256</keyTransport>
                </domain>
            """);
        assertThat(written).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Policy of corp.example:")
            .endsWith("</policy>\n<!-- end -->\n").contains("<!-- Defaults for everybody. -->");
    }

    @Test
    void aFirstUserRuleGoesAfterTheDomainsAndTheGlobalTriggerKeepsItsAttributesUnlessReplaced() {
        String noUsers = FILE.replaceAll("(?s)\\s*<user address.*?</user>", "");
        PolicyDocument document = PolicyDocument.parse(bytes(noUsers));

        document.put(Level.USER, "bob@corp.example", settings("encrypt", "mandatory"));
        document.put(Level.GLOBAL, null, Map.of("encrypt", new Value("none", Map.of()),
            "subjectTrigger", new Value("\\[crypt\\]", Map.of("remove", "true"))));

        String written = new String(document.bytes(), StandardCharsets.UTF_8);
        assertThat(written).contains("""
                    </domain>
                    <user address="bob@corp.example">
                        <encrypt>mandatory</encrypt>
                    </user>
                </policy>""");
        assertThat(written).contains("<subjectTrigger remove=\"true\">\\[crypt\\]</subjectTrigger>");
    }

    @Test
    void deletingARuleRemovesOnlyThatElementAndAnAbsentRuleIsReported() {
        PolicyDocument document = PolicyDocument.parse(bytes(FILE));

        assertThat(document.remove(Level.DOMAIN, "*.PARTNER.example")).isTrue();
        assertThat(document.remove(Level.USER, "nobody@corp.example")).isFalse();

        String written = new String(document.bytes(), StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(FILE.replace("    <domain name=\"*.partner.example\">\n"
            + "        <encrypt>none</encrypt>\n    </domain>\n", ""));
    }

    @Test
    void aFileThatIsNotXmlOrCarriesADoctypeIsRefused() {
        assertThatThrownBy(() -> PolicyDocument.parse(bytes("<policy><global>")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> PolicyDocument.parse(bytes("<!DOCTYPE policy [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<policy>&x;</policy>"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Value> settings(String... pairs) {
        Map<String, Value> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], new Value(pairs[i + 1], Map.of()));
        }
        return settings;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
