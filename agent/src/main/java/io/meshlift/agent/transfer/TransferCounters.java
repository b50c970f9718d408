package io.meshlift.agent.transfer;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one pull (and, summed, of the agent): what moved and what was refused. The methods count
 * here and tell the agent's {@link TransferMetrics} in the same step, so the pull engine makes one call per
 * event.
 */
public final class TransferCounters {

    private final TransferMetrics metrics;

    public TransferCounters() {
        this(TransferMetrics.NONE);
    }

    public TransferCounters(TransferMetrics metrics) {
        this.metrics = metrics;
    }

    final LongAdder chunksFetched = new LongAdder();
    final LongAdder bytesFetched = new LongAdder();
    final LongAdder chunksReused = new LongAdder();
    final LongAdder bytesReused = new LongAdder();
    final LongAdder chunksResumed = new LongAdder();
    final LongAdder chunksRejected = new LongAdder();
    final LongAdder filesDone = new LongAdder();
    final LongAdder filesUnchanged = new LongAdder();
    final LongAdder bytesDone = new LongAdder();
    final LongAdder filesFailed = new LongAdder();

    /** A fetched chunk was verified and written. */
    void chunkFetched(long bytes) {
        chunksFetched.increment();
        bytesFetched.add(bytes);
        metrics.chunkVerified(TransferMetrics.PeerRole.SOURCE, bytes);
    }

    /** A fetched chunk failed verification and was discarded. */
    void chunkRejected() {
        chunksRejected.increment();
        metrics.chunkRejected();
    }

    /** A file is in place, verified (copied or unchanged). */
    void fileDone(long bytes) {
        filesDone.increment();
        bytesDone.add(bytes);
        metrics.fileVerified();
    }

    void chunkRequested() {
        metrics.chunkRequested();
    }

    void chunkAnswered() {
        metrics.chunkAnswered();
    }

    public long chunksFetched() {
        return chunksFetched.sum();
    }

    public long bytesFetched() {
        return bytesFetched.sum();
    }

    public long chunksReused() {
        return chunksReused.sum();
    }

    public long bytesReused() {
        return bytesReused.sum();
    }

    /** Chunks found already verified in a partial file left by an earlier, interrupted run. */
    public long chunksResumed() {
        return chunksResumed.sum();
    }

    public long chunksRejected() {
        return chunksRejected.sum();
    }

    public long filesDone() {
        return filesDone.sum();
    }

    public long filesUnchanged() {
        return filesUnchanged.sum();
    }

    public long bytesDone() {
        return bytesDone.sum();
    }

    public long filesFailed() {
        return filesFailed.sum();
    }
}
