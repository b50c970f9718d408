package io.meshlift.agent.transfer;

/**
 * How many chunk requests one pull keeps in flight, and over how many streams: the plan's
 * {@code concurrency} when it asks for one, never more than this agent's own cap
 * ({@code agent.transfer.streams-per-peer} x {@code requests-per-stream}), which protects its memory and its
 * peers whatever a plan says.
 *
 * @param streams FetchChunks streams opened to the peer
 * @param requestsPerStream requests outstanding on each stream
 * @param total requests outstanding in all; at most {@code streams * requestsPerStream}
 */
public record ChunkConcurrency(int streams, int requestsPerStream, int total) {

    /**
     * @param requested the plan's concurrency; 0 (or less) for the agent's own cap
     * @param streamsPerPeer the agent's configured streams per peer
     * @param requestsPerStream the agent's configured requests per stream
     */
    public static ChunkConcurrency of(int requested, int streamsPerPeer, int requestsPerStream) {
        int streamCap = Math.max(1, streamsPerPeer);
        int windowCap = Math.max(1, requestsPerStream);
        int cap = streamCap * windowCap;
        int total = requested <= 0 ? cap : Math.min(requested, cap);
        int streams = Math.min(streamCap, total);
        int window = Math.min(windowCap, (total + streams - 1) / streams);
        return new ChunkConcurrency(streams, window, total);
    }
}
