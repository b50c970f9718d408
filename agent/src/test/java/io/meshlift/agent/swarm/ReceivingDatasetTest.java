package io.meshlift.agent.swarm;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import io.meshlift.core.path.RelativePath;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivingDatasetTest {

    private static final RelativePath FILE = RelativePath.parse("dir/a.bin");

    @Test
    void announcesOnlyVerifiedChunksInTheWireBitmapFormat() {
        ReceivingDataset held = new ReceivingDataset();
        held.chunkVerified(FILE, 10 * 1024, 1024, 10, 0);
        held.chunkVerified(FILE, 10 * 1024, 1024, 10, 9);

        byte[] bitmap = held.bitmaps().get("dir/a.bin");
        // bit i of byte i/8, least significant bit first
        assertThat(bitmap).containsExactly(0b0000_0001, 0b0000_0010);
        assertThat(held.file(FILE).orElseThrow().verified(9)).isTrue();
        assertThat(held.file(FILE).orElseThrow().verified(5)).isFalse();
        assertThat(held.file(FILE).orElseThrow().complete()).isFalse();
    }

    @Test
    void aCompleteFileHoldsEveryChunk() {
        ReceivingDataset held = new ReceivingDataset();
        held.chunkVerified(FILE, 3 * 1024, 1024, 3, 1);
        held.fileComplete(FILE, 3 * 1024, 1024, 3);

        assertThat(BitSet.valueOf(held.bitmaps().get("dir/a.bin")).cardinality())
                .isEqualTo(3);
        assertThat(held.file(FILE).orElseThrow().complete()).isTrue();
    }

    @Test
    void aNewVersionOfTheFileForgetsTheChunksOfTheOldOne() {
        ReceivingDataset held = new ReceivingDataset();
        held.chunkVerified(FILE, 4 * 1024, 1024, 4, 2);
        held.chunkVerified(FILE, 5 * 1024, 1024, 5, 0);

        var file = held.file(FILE).orElseThrow();
        assertThat(file.size()).isEqualTo(5 * 1024);
        assertThat(file.verified(2)).isFalse();
        assertThat(file.verified(0)).isTrue();
    }

    @Test
    void filesWithNothingVerifiedAreNotAnnounced() {
        assertThat(new ReceivingDataset().bitmaps()).isEmpty();
    }
}
