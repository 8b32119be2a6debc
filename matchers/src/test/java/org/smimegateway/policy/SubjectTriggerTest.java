package org.smimegateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectTriggerTest {
    private final SubjectTrigger trigger = SubjectTrigger.of("\\[encrypt\\]");

    @Test
    void matchesAnywhereInTheSubjectIgnoringCaseByDefault() {
        assertThat(trigger.matches("Re: [ENCRYPT] salaries")).isTrue();
        assertThat(trigger.matches("encrypt me")).isFalse();
        assertThat(trigger.matches(null)).isFalse();
    }

    @Test
    void honoursCaseWhenAskedTo() {
        SubjectTrigger exact = SubjectTrigger.of("SECURE", true, false);

        assertThat(exact.matches("SECURE: plan")).isTrue();
        assertThat(exact.matches("secure: plan")).isFalse();
        assertThat(exact.removeFromSubject()).isFalse();
    }

    @Test
    void removesTheTriggerAndTheSpaceItLeaves() {
        assertThat(trigger.remove("[encrypt] hello")).isEqualTo("hello");
        assertThat(trigger.remove("Re: [Encrypt] hello")).isEqualTo("Re: hello");
        assertThat(trigger.remove("hello [encrypt]")).isEqualTo("hello");
        assertThat(trigger.remove("[encrypt] a [encrypt] b")).isEqualTo("a b");
    }

    @Test
    void leavesASubjectWithoutTheTriggerUntouched() {
        assertThat(trigger.remove("  spaced   out  ")).isEqualTo("  spaced   out  ");
        assertThat(trigger.remove(null)).isNull();
    }

    @Test
    void refusesAnInvalidOrEmptyPattern() {
        assertThatThrownBy(() -> SubjectTrigger.of("(unclosed")).hasMessageContaining("'(unclosed' is not a valid regular expression");
        assertThatThrownBy(() -> SubjectTrigger.of(" ")).hasMessageContaining("must not be empty");
    }
}
