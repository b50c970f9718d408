package io.meshlift.agent.coordinator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorAddressesTest {

    @Test
    void aSingleAddressStaysTheOneToDialAfterFailures() {
        CoordinatorAddresses addresses = CoordinatorAddresses.parse("coord.example:9443");

        assertThat(addresses.size()).isEqualTo(1);
        assertThat(addresses.failover()).isEqualTo(new CoordinatorAddress("coord.example", 9443));
        assertThat(addresses.current()).isEqualTo(new CoordinatorAddress("coord.example", 9443));
    }

    @Test
    void failsOverToTheNextReplicaInListOrderAndWrapsAround() {
        CoordinatorAddresses addresses = CoordinatorAddresses.parse("coord-a:7444, coord-b:7444,[::1]:7445");

        assertThat(addresses.current()).isEqualTo(new CoordinatorAddress("coord-a", 7444));
        assertThat(addresses.failover()).isEqualTo(new CoordinatorAddress("coord-b", 7444));
        assertThat(addresses.failover()).isEqualTo(new CoordinatorAddress("::1", 7445));
        assertThat(addresses.failover()).isEqualTo(new CoordinatorAddress("coord-a", 7444));
        assertThat(addresses).hasToString("coord-a:7444,coord-b:7444,[::1]:7445");
    }

    @Test
    void rejectsEmptyEntriesNamingTheKeyAndTheEntry() {
        assertThatThrownBy(() -> CoordinatorAddresses.parse("coord-a:7444,,coord-b:7444"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent.coordinator.address")
                .hasMessageContaining("entry 2 is empty");
        assertThatThrownBy(() -> CoordinatorAddresses.parse("coord-a:7444,")).hasMessageContaining("entry 2 is empty");
    }

    @Test
    void rejectsAMalformedEntryAndARepeatedAddress() {
        assertThatThrownBy(() -> CoordinatorAddresses.parse("coord-a:7444,coord-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'coord-b'")
                .hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> CoordinatorAddresses.parse("coord-a:7444, coord-a:7444"))
                .hasMessageContaining("listed more than once");
    }
}
