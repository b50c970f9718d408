package io.meshlift.agent.transfer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkConcurrencyTest {

    @Test
    void withoutARequestThePullUsesTheAgentsWholeCap() {
        assertThat(ChunkConcurrency.of(0, 4, 4)).isEqualTo(new ChunkConcurrency(4, 4, 16));
    }

    @Test
    void aSmallerRequestIsSpreadOverFewerStreams() {
        assertThat(ChunkConcurrency.of(1, 4, 4)).isEqualTo(new ChunkConcurrency(1, 1, 1));
        assertThat(ChunkConcurrency.of(3, 4, 4)).isEqualTo(new ChunkConcurrency(3, 1, 3));
        assertThat(ChunkConcurrency.of(6, 4, 4)).isEqualTo(new ChunkConcurrency(4, 2, 6));
    }

    @Test
    void aRequestAboveTheAgentsCapGetsTheCap() {
        assertThat(ChunkConcurrency.of(256, 4, 4)).isEqualTo(new ChunkConcurrency(4, 4, 16));
        assertThat(ChunkConcurrency.of(256, 2, 3)).isEqualTo(new ChunkConcurrency(2, 3, 6));
    }

    @Test
    void totalNeverExceedsStreamsTimesWindow() {
        for (int requested = 0; requested <= 40; requested++) {
            ChunkConcurrency chunks = ChunkConcurrency.of(requested, 4, 8);
            assertThat(chunks.total()).isLessThanOrEqualTo(chunks.streams() * chunks.requestsPerStream());
            assertThat(chunks.total()).isEqualTo(requested == 0 ? 32 : Math.min(requested, 32));
        }
    }
}
