package io.meshlift.agent.coordinator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PullIdsTest {

    @Test
    void keepsSafeIdsAndEscapesEverythingElseOneToOne() {
        assertThat(PullIds.of("logs-1.a")).isEqualTo("logs-1.a");
        assertThat(PullIds.of("6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10/2"))
                .isEqualTo("6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10_2f2");
        assertThat(PullIds.of("a/b")).isNotEqualTo(PullIds.of("a_2fb"));
        assertThat(PullIds.of("a_2fb")).isEqualTo("a_5f2fb");
        assertThat(PullIds.of("x/é")).isEqualTo("x_2f_c3_a9");
    }

    @Test
    void refusesIdsThatCannotNameAPull() {
        for (String bad : new String[] {"", "/1", ".hidden", "x".repeat(129)}) {
            assertThatThrownBy(() -> PullIds.of(bad)).as(bad).isInstanceOf(InvalidAssignmentException.class);
        }
    }
}
