package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final Predicate<String> CORP_IS_LOCAL = "corp.example"::equals;
    private final Policy policy = parse(PolicyFiles.EXAMPLE);

    private static Policy parse(String xml) {
        try {
            return PolicyParser.parse(xml.getBytes(StandardCharsets.UTF_8), "test.xml");
        } catch (InvalidPolicyException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void takesTheGlobalValueWhenNoDomainOrUserSetsIt() {
        assertThat(policy.resolve(Setting.ENCRYPT, "someone@elsewhere.example"))
            .isEqualTo(new Resolved<>(EncryptMode.ALLOW, Source.GLOBAL));
    }

    @Test
    void letsAnExactDomainOverrideTheGlobalValue() {
        assertThat(policy.resolve(Setting.ENCRYPT, "bob@partner.example"))
            .isEqualTo(new Resolved<>(EncryptMode.MANDATORY, Source.domain("partner.example")));
    }

    @Test
    void appliesAWildcardToSubdomainsButNotToTheParentDomain() {
        assertThat(policy.resolve(Setting.ENCRYPT, "bob@us.partner.example"))
            .isEqualTo(new Resolved<>(EncryptMode.NONE, Source.domain("*.partner.example")));
        assertThat(policy.resolve(Setting.CONTENT_ENCRYPTION, "bob@partner.example").value())
            .isEqualTo(ContentEncryption.AES256_GCM);
    }

    @Test
    void prefersTheWildcardWithMoreLabels() {
        assertThat(policy.resolve(Setting.ENCRYPT, "bob@paris.eu.partner.example"))
            .isEqualTo(new Resolved<>(EncryptMode.MANDATORY, Source.domain("*.eu.partner.example")));
    }

    @Test
    void inheritsEachSettingSeparatelyFromTheNextLessSpecificRule() {
        // *.eu.partner.example sets only encrypt; the algorithm comes from *.partner.example, key transport from global.
        assertThat(policy.resolve(Setting.CONTENT_ENCRYPTION, "bob@paris.eu.partner.example"))
            .isEqualTo(new Resolved<>(ContentEncryption.AES128_GCM, Source.domain("*.partner.example")));
        assertThat(policy.resolve(Setting.KEY_TRANSPORT, "bob@paris.eu.partner.example"))
            .isEqualTo(new Resolved<>(KeyTransport.RSA_PKCS1, Source.GLOBAL));
    }

    @Test
    void levelsListEveryRuleThatSetsTheSettingStrongestFirstThenTheBuiltInDefault() {
        assertThat(policy.levels(Setting.ENCRYPT, "bob@paris.eu.partner.example")).containsExactly(
            new Resolved<>(EncryptMode.MANDATORY, Source.domain("*.eu.partner.example")),
            new Resolved<>(EncryptMode.NONE, Source.domain("*.partner.example")),
            new Resolved<>(EncryptMode.ALLOW, Source.GLOBAL),
            new Resolved<>(EncryptMode.ALLOW, Source.BUILT_IN));
        assertThat(policy.levels(Setting.ENCRYPT, "Press@Partner.Example").get(0))
            .isEqualTo(policy.resolve(Setting.ENCRYPT, "press@partner.example"));
        assertThat(policy.levels(Setting.LOCALITY, "nobody@elsewhere.example")).isEmpty();
    }

    @Test
    void letsAUserRuleOverrideItsDomainForTheSettingsItSets() {
        assertThat(policy.resolve(Setting.ENCRYPT, "Press@Partner.Example"))
            .isEqualTo(new Resolved<>(EncryptMode.ALLOW, Source.user("press@partner.example")));
        assertThat(policy.resolve(Setting.KEY_TRANSPORT, "press@partner.example"))
            .isEqualTo(new Resolved<>(KeyTransport.RSA_OAEP_SHA256, Source.domain("partner.example")));
    }

    @Test
    void appliesAUserRuleToSubaddressesOfTheUser() {
        assertThat(policy.resolve(Setting.SIGN, "ceo+board@corp.example"))
            .isEqualTo(new Resolved<>(SignMode.ALWAYS, Source.user("ceo@corp.example")));
    }

    @Test
    void fallsBackToBuiltInDefaultsWithoutAnySetting() {
        AddressPolicy defaults = Policy.DEFAULTS.forAddress("bob@anywhere.example", CORP_IS_LOCAL);

        assertThat(defaults.encrypt()).isEqualTo(new Resolved<>(EncryptMode.ALLOW, Source.BUILT_IN));
        assertThat(defaults.smimeAllowed().value()).isTrue();
        assertThat(defaults.sign().value()).isEqualTo(SignMode.NEVER);
        assertThat(defaults.contentEncryption().value()).isEqualTo(ContentEncryption.AES256_CBC);
        assertThat(defaults.keyTransport().value()).isEqualTo(KeyTransport.RSA_PKCS1);
        assertThat(defaults.subjectTrigger().value().matches("[ENCRYPT] hello")).isTrue();
    }

    @Test
    void decidesLocalityByJamesLocalDomainsUnlessThePolicySaysOtherwise() {
        assertThat(policy.locality("alice@corp.example", CORP_IS_LOCAL))
            .isEqualTo(new Resolved<>(Locality.INTERNAL, Source.LOCAL_DOMAINS));
        assertThat(policy.locality("bob@partner.example", CORP_IS_LOCAL))
            .isEqualTo(new Resolved<>(Locality.EXTERNAL, Source.LOCAL_DOMAINS));
        assertThat(policy.locality("carol@branch.example", CORP_IS_LOCAL))
            .isEqualTo(new Resolved<>(Locality.INTERNAL, Source.domain("branch.example")));
    }

    @Test
    void raisesTheEncryptModeToMandatoryWhenTheSubjectCarriesTheTrigger() {
        Resolved<EncryptMode> mode = policy.encryptMode("dave@legacy.example", "alice@corp.example", "[Encrypt] hello");

        assertThat(mode.value()).isEqualTo(EncryptMode.MANDATORY);
        assertThat(mode.source().level()).isEqualTo(Source.Level.SUBJECT_TRIGGER);
        assertThat(mode.toString()).contains("none (domain legacy.example)");
    }

    @Test
    void keepsTheRecipientsEncryptModeWithoutTheTrigger() {
        assertThat(policy.encryptMode("dave@legacy.example", "alice@corp.example", "hello"))
            .isEqualTo(new Resolved<>(EncryptMode.NONE, Source.domain("legacy.example")));
    }

    @Test
    void resolvesTheTriggerForTheSenderAndTheGlobalRuleWithoutSender() {
        Policy perUser = parse("<policy><global><subjectTrigger>\\[secure\\]</subjectTrigger></global>"
            + "<user address=\"alice@corp.example\"><subjectTrigger>#crypt</subjectTrigger></user></policy>");

        assertThat(perUser.triggeredBy("alice@corp.example", "#crypt hi")).isPresent();
        assertThat(perUser.triggeredBy("alice@corp.example", "[secure] hi")).isEmpty();
        assertThat(perUser.triggeredBy(null, "[secure] hi")).isPresent();
    }
}
