package io.meshlift.agent.swarm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerSelectionTest {

    @Test
    void noHolderMeansTheSource() {
        assertThat(PeerSelection.<String>choose(List.of(), p -> 0, 4, new Random(1)))
                .isEmpty();
    }

    @Test
    void picksTheLeastBusyHolder() {
        Map<String, Integer> load = Map.of("a", 3, "b", 1, "c", 2);
        assertThat(PeerSelection.choose(List.of("a", "b", "c"), load::get, 4, new Random(1)))
                .contains("b");
    }

    @Test
    void aHolderAtItsCapStillBeatsTheSourceOnceTheChunkHasSpread() {
        Map<String, Integer> load = Map.of("a", 9, "b", 7);
        assertThat(PeerSelection.choose(List.of("a", "b"), load::get, 4, new Random(1)))
                .contains("b");
        assertThat(PeerSelection.hasFreeSlot(7, 4)).isFalse();
        assertThat(PeerSelection.hasFreeSlot(3, 4)).isTrue();
    }

    @Test
    void equallyBusyHoldersShareTheLoad() {
        Map<String, Integer> picks = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            PeerSelection.choose(List.of("a", "b", "c"), p -> 0, 4, random)
                    .ifPresent(p -> picks.merge(p, 1, Integer::sum));
        }
        assertThat(picks).containsOnlyKeys("a", "b", "c");
        picks.values().forEach(n -> assertThat(n).isBetween(850, 1_150));
    }
}
