package io.meshlift.core.manifest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkLayoutTest {

    private final ChunkLayout layout = new ChunkLayout(ChunkLayout.MIN_CHUNK_SIZE);
    private final int size = ChunkLayout.MIN_CHUNK_SIZE;

    @Test
    void emptyFileHasNoChunks() {
        assertThat(layout.chunkCount(0)).isZero();
    }

    @Test
    void oneByteFileHasOneShortChunk() {
        assertThat(layout.chunkCount(1)).isEqualTo(1);
        assertThat(layout.length(1, 0)).isEqualTo(1);
    }

    @Test
    void fileOfExactlyChunkSizeHasOneFullChunk() {
        assertThat(layout.chunkCount(size)).isEqualTo(1);
        assertThat(layout.length(size, 0)).isEqualTo(size);
    }

    @Test
    void fileOfChunkSizePlusOneHasTwoChunksTheLastOneByte() {
        assertThat(layout.chunkCount(size + 1L)).isEqualTo(2);
        assertThat(layout.offset(1)).isEqualTo(size);
        assertThat(layout.length(size + 1L, 1)).isEqualTo(1);
    }

    @Test
    void rejectsChunkIndexPastTheEnd() {
        assertThatThrownBy(() -> layout.length(size, 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("chunk 1 does not exist");
    }

    @Test
    void rejectsChunkSizesOutsideBounds() {
        assertThatThrownBy(() -> new ChunkLayout(0)).hasMessageContaining("between 64 KiB and 64 MiB");
        assertThatThrownBy(() -> new ChunkLayout(ChunkLayout.MAX_CHUNK_SIZE + 1))
                .hasMessageContaining("between 64 KiB and 64 MiB");
    }

    @Test
    void offsetsDoNotOverflowForLargeFiles() {
        ChunkLayout big = new ChunkLayout(ChunkLayout.MAX_CHUNK_SIZE);
        long tenTebibytes = 10L << 40;
        int chunks = big.chunkCount(tenTebibytes);
        assertThat(big.offset(chunks - 1)).isEqualTo(tenTebibytes - ChunkLayout.MAX_CHUNK_SIZE);
    }
}
