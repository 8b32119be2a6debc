package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PolicyParserTest {
    private static Policy parse(String xml) throws InvalidPolicyException {
        return PolicyParser.parse(xml.getBytes(StandardCharsets.UTF_8), "policy.xml");
    }

    @Test
    void readsTheReadmeExample() throws Exception {
        Policy policy = parse(PolicyFiles.EXAMPLE);

        assertThat(policy.traceHeader()).isTrue();
        assertThat(policy.resolve(Setting.SUBJECT_TRIGGER, "a@b.example").value())
            .isEqualTo(SubjectTrigger.of("\\[encrypt\\]", false, true));
        assertThat(policy.resolve(Setting.SMIME, "x@legacy.example").value()).isFalse();
    }

    @Test
    void acceptsNamesInAnyCase() throws Exception {
        Policy policy = parse(PolicyFiles.global("<encrypt>MANDATORY</encrypt><contentEncryption>aes128_gcm</contentEncryption>"));

        assertThat(policy.resolve(Setting.ENCRYPT, "a@b.example").value()).isEqualTo(EncryptMode.MANDATORY);
        assertThat(policy.resolve(Setting.CONTENT_ENCRYPTION, "a@b.example").value()).isEqualTo(ContentEncryption.AES128_GCM);
    }

    @Test
    void headerProtectionAndLegacyContentTypesAreSetPerDomainAndOffByDefault() throws Exception {
        Policy policy = parse("<policy><domain name=\"hp.example\"><protectHeaders>true</protectHeaders></domain>"
            + "<domain name=\"old.example\"><legacyContentTypes>TRUE</legacyContentTypes></domain></policy>");

        assertThat(policy.resolve(Setting.PROTECT_HEADERS, "a@hp.example").value()).isTrue();
        assertThat(policy.resolve(Setting.PROTECT_HEADERS, "a@old.example").value()).isFalse();
        assertThat(policy.resolve(Setting.LEGACY_CONTENT_TYPES, "a@old.example").value()).isTrue();
        assertThat(policy.resolve(Setting.LEGACY_CONTENT_TYPES, "a@hp.example").value()).isFalse();
        assertThatThrownBy(() -> parse(PolicyFiles.global("<protectHeaders>yes</protectHeaders>")))
            .hasMessageContaining("<protectHeaders>: 'yes' is not one of true, false");
    }

    @Test
    void namesTheElementAndTheAcceptedValuesForABadValue() {
        assertThatThrownBy(() -> parse("<policy><domain name=\"x.example\"><encrypt>mandatry</encrypt></domain></policy>"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessage("policy.xml: <domain name=\"x.example\">: <encrypt>: 'mandatry' is not one of none, allow, mandatory");
    }

    @Test
    void refusesAnUnknownAlgorithmListingTheValidNames() {
        assertThatThrownBy(() -> parse(PolicyFiles.global("<contentEncryption>DES_EDE3_CBC</contentEncryption>")))
            .hasMessageContaining("<contentEncryption>: 'DES_EDE3_CBC' is not one of AES128_CBC, AES256_CBC, AES128_GCM, AES256_GCM");
    }

    @Test
    void refusesAnUnknownSettingBecauseATypoMustNotWeakenThePolicy() {
        assertThatThrownBy(() -> parse(PolicyFiles.global("<encrpyt>mandatory</encrpyt>")))
            .hasMessageContaining("<global>: <encrpyt>: unknown setting");
    }

    @Test
    void refusesUnknownAttributesAndElements() {
        assertThatThrownBy(() -> parse("<policy><domain nmae=\"x.example\"/></policy>"))
            .hasMessageContaining("unknown attribute 'nmae'");
        assertThatThrownBy(() -> parse("<policy><domains/></policy>"))
            .hasMessageContaining("<domains>: unknown element");
    }

    @Test
    void givesTheLineOfMalformedXml() {
        assertThatThrownBy(() -> parse("<policy>\n<global>\n<encrypt>allow</global>\n</policy>"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageStartingWith("policy.xml: line 3, column");
    }

    @Test
    void refusesADoctypeSoNoExternalEntityIsRead() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE policy [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<policy><global><encrypt>&x;</encrypt></global></policy>"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesAnInvalidTriggerRegex() {
        assertThatThrownBy(() -> parse(PolicyFiles.global("<subjectTrigger>[encrypt</subjectTrigger>")))
            .hasMessageContaining("<subjectTrigger>: '[encrypt' is not a valid regular expression");
    }

    @Test
    void refusesDuplicateRulesAndMalformedNames() {
        assertThatThrownBy(() -> parse("<policy><domain name=\"X.example\"/><domain name=\"x.example\"/></policy>"))
            .hasMessageContaining("domain 'x.example' is defined twice");
        assertThatThrownBy(() -> parse("<policy><domain name=\"*.*.example\"/></policy>"))
            .hasMessageContaining("is not a domain or a wildcard");
        assertThatThrownBy(() -> parse("<policy><user address=\"nobody\"/></policy>"))
            .hasMessageContaining("'nobody' is not an e-mail address");
        assertThatThrownBy(() -> parse("<policy><global/><global/></policy>")).hasMessageContaining("<global> is given twice");
        assertThatThrownBy(() -> parse("<policy><trace/><trace header=\"true\"/></policy>"))
            .hasMessageContaining("<trace> is given twice");
    }

    @Test
    void refusesAnotherRootElement() {
        assertThatThrownBy(() -> parse("<config/>")).hasMessageContaining("the root element must be <policy>");
    }
}
