package io.meshlift.core.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentIdTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "0",
                "db-1",
                "rack2.host-7",
                "a1234567890123456789012345678901234567890123456789012345678901b"
            })
    void acceptsDnsLabelLikeIds(String value) {
        assertThat(AgentId.of(value).value()).isEqualTo(value);
        assertThat(AgentId.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Upper",
                "under_score",
                "-leading",
                "trailing-",
                ".",
                "..",
                "../etc",
                "a/b",
                "space d",
                "a12345678901234567890123456789012345678901234567890123456789012b"
            })
    void rejectsIdsOutsideTheRule(String value) {
        assertThatThrownBy(() -> AgentId.of(value))
                .isInstanceOf(InvalidAgentIdException.class)
                .hasMessageContaining('"' + value + '"')
                .hasMessageContaining(AgentId.RULE);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> AgentId.of(null))
                .isInstanceOf(InvalidAgentIdException.class)
                .hasMessageContaining("null");
    }

    @Test
    void escapesControlCharactersInTheMessage() {
        assertThatThrownBy(() -> AgentId.of("evil\nINFO forged log line"))
                .isInstanceOf(InvalidAgentIdException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("evil\\u000aINFO");
    }

    @Test
    void constructorValidatesLikeOf() {
        assertThatThrownBy(() -> new AgentId("Nope")).isInstanceOf(InvalidAgentIdException.class);
        assertThat(new AgentId("yes")).isEqualTo(AgentId.of("yes"));
    }
}
