package io.meshlift.agent.coordinator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorAddressTest {

    @Test
    void parsesHostAndPortIncludingBracketedIpv6() {
        assertThat(CoordinatorAddress.parse("coord.example:9443"))
                .isEqualTo(new CoordinatorAddress("coord.example", 9443));
        assertThat(CoordinatorAddress.parse("[::1]:9443")).isEqualTo(new CoordinatorAddress("::1", 9443));
    }

    @Test
    void rejectsAddressesWithoutAUsablePortNamingTheKey() {
        for (String bad : new String[] {"coord", "coord:", "coord:http", ":9443", "coord:70000", "::1:9443"}) {
            assertThatThrownBy(() -> CoordinatorAddress.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("agent.coordinator.address");
        }
    }
}
