package io.meshlift.agent.transfer;

import java.util.concurrent.CompletableFuture;

import com.google.protobuf.ByteString;

import io.meshlift.core.manifest.ManifestEntry;

/**
 * Where a pull gets its chunks: the source alone ({@link PeerChunkClient}), or the source and the swarm
 * ({@link SwarmChunkSource}). Every chunk handed out is verified against the manifest.
 *
 * <p>Lifecycle: created when the pull starts, told about every chunk and file the pull verifies (so a
 * swarm member can re-share them), closed when the pull ends.
 */
public interface ChunkSource extends AutoCloseable {

    /**
     * @return completes with the chunk's verified bytes, or exceptionally with {@link ChunkCorruptException}
     *     or {@link ChunkUnavailableException} when the source itself failed
     */
    CompletableFuture<ByteString> fetch(ChunkSpec spec);

    /** Whether peers other than the source take part, so that chunks are picked rarest-first. */
    default boolean swarming() {
        return false;
    }

    /** How many peers other than the source announce chunk {@code index} of {@code file} verified. */
    default int holders(ManifestEntry file, int index) {
        return 0;
    }

    /** Chunk {@code index} of {@code file} is verified and written into the file's part file. */
    default void verifiedChunk(ManifestEntry file, int index) {}

    /** {@code file} is verified as a whole and under its final name (copied or found unchanged). */
    default void verifiedFile(ManifestEntry file) {}

    /** Names the peer(s) for incident reports. */
    String describe();

    @Override
    void close();
}
