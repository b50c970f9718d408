package io.meshlift.agent.transfer;

/**
 * What the pull engine tells the agent's metrics, in its own terms: the data plane calls these and
 * never depends on a metrics library. Implementations must be thread-safe, cheap and must not throw:
 * they are called on pull, file-worker and gRPC threads, per chunk.
 *
 * <p>Lifecycle: {@link #pullStarted()} and {@link #pullEnded()} pair once per pull run; every {@link
 * #chunkRequested()} is followed by exactly one {@link #chunkAnswered()}, whatever the answer.
 */
public interface TransferMetrics {

    /** Who sent a chunk: the dataset's source, or another destination that verified it (the swarm). */
    enum PeerRole {
        SOURCE,
        PEER
    }

    /** Discards everything: for tests and tools that run pulls without an agent around them. */
    TransferMetrics NONE = new TransferMetrics() {};

    default void pullStarted() {}

    default void pullEnded() {}

    default void chunkRequested() {}

    default void chunkAnswered() {}

    /** A chunk's SHA-256 matched and it was written: {@code bytes} received from a peer in {@code role}. */
    default void chunkVerified(PeerRole role, long bytes) {}

    /** A chunk's SHA-256 did not match: it was discarded. */
    default void chunkRejected() {}

    /** A file was copied or found unchanged, verified, and is in place under its final name. */
    default void fileVerified() {}

    /** How many peers are quarantined now, for sending bad chunks. The swarm scheduler sets it. */
    default void peersQuarantined(int count) {}
}
