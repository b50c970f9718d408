package io.meshlift.agent.swarm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiecePickerTest {

    private static BitSet all(int count) {
        BitSet missing = new BitSet(count);
        missing.set(0, count);
        return missing;
    }

    @Test
    void inOrderPicksEveryMissingChunkOnceInFileOrder() {
        BitSet missing = all(6);
        missing.clear(2);
        PiecePicker picker = new PiecePicker(missing, 6, 4);
        List<Integer> picked = new ArrayList<>();
        for (int i = picker.nextInOrder(); i >= 0; i = picker.nextInOrder()) {
            picked.add(i);
        }
        assertThat(picked).containsExactly(0, 1, 3, 4, 5);
        assertThat(picker.done()).isTrue();
    }

    @Test
    void rarestFirstStartsAtTheRandomStartWhenNothingSeparatesChunks() {
        PiecePicker picker = new PiecePicker(all(5), 5, 3);
        List<Integer> picked = new ArrayList<>();
        for (int i = picker.nextRarest(c -> 0); i >= 0; i = picker.nextRarest(c -> 0)) {
            picked.add(i);
        }
        assertThat(picked).containsExactly(3, 4, 0, 1, 2);
    }

    @Test
    void rarestFirstPicksTheChunkFewestPeersHoldAndFollowsChangingAvailability() {
        Map<Integer, Integer> holders = new java.util.HashMap<>(Map.of(0, 2, 1, 1, 2, 3, 3, 1));
        PiecePicker picker = new PiecePicker(all(4), 4, 2);
        // 1 and 3 are rarest; from start 2 the scan meets 3 first
        assertThat(picker.nextRarest(holders::get)).isEqualTo(3);
        holders.put(1, 4);
        assertThat(picker.nextRarest(holders::get)).isEqualTo(0);
        assertThat(picker.nextRarest(holders::get)).isEqualTo(2);
        assertThat(picker.nextRarest(holders::get)).isEqualTo(1);
        assertThat(picker.nextRarest(holders::get)).isEqualTo(-1);
    }

    @Test
    void chunksAlreadyHeldAreNeverPicked() {
        BitSet missing = new BitSet();
        missing.set(7);
        PiecePicker picker = new PiecePicker(missing, 8, 0);
        assertThat(picker.nextRarest(c -> 0)).isEqualTo(7);
        assertThat(picker.nextRarest(c -> 0)).isEqualTo(-1);
    }

    @Test
    void anEmptyFileHasNothingToPick() {
        PiecePicker picker = new PiecePicker(new BitSet(), 0, 0);
        assertThat(picker.nextRarest(c -> 0)).isEqualTo(-1);
        assertThat(picker.nextInOrder()).isEqualTo(-1);
    }

    @Test
    void rejectsAStartOutsideTheFile() {
        assertThatThrownBy(() -> new PiecePicker(all(3), 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start 3 is outside a file of 3 chunks");
    }
}
