package org.smimegateway.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;

import org.junit.jupiter.api.Test;

class MatcherConditionTest {
    private static final Set<String> KEYS = Set.of("policy", "trigger", "pattern");

    @Test
    void splitsTheMainArgumentFromTheOptions() throws Exception {
        MatcherCondition condition = MatcherCondition.parse("M", " allow,mandatory ; policy = conf/p.xml;trigger=false ", true, KEYS);

        assertThat(condition.main()).contains("allow,mandatory");
        assertThat(condition.options()).isEqualTo(Map.of("policy", "conf/p.xml", "trigger", "false"));
    }

    @Test
    void letsThePatternTakeTheRestOfTheCondition() throws Exception {
        MatcherCondition condition = MatcherCondition.parse("M", "trigger=true;pattern=a;b=c", false, KEYS);

        assertThat(condition.option("pattern")).contains("a;b=c");
    }

    @Test
    void acceptsAnEmptyOrMissingCondition() throws Exception {
        assertThat(MatcherCondition.parse("M", null, true, KEYS).main()).isEqualTo(Optional.empty());
        assertThat(MatcherCondition.parse("M", "  ", true, KEYS).options()).isEmpty();
    }

    @Test
    void refusesRepeatedOptionsAndAMainArgumentWhereNoneIsTaken() {
        assertThatThrownBy(() -> MatcherCondition.parse("M", "policy=a;policy=b", true, KEYS))
            .isInstanceOf(MessagingException.class).hasMessageContaining("gives the option 'policy' twice");
        assertThatThrownBy(() -> MatcherCondition.parse("M", "internal", false, KEYS))
            .isInstanceOf(MessagingException.class).hasMessageContaining("Matcher M: condition 'internal'");
        assertThatThrownBy(() -> MatcherCondition.parse("M", "policy=a;internal", true, KEYS))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'internal' where an option key=value is expected");
    }
}
