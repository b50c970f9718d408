package io.meshlift.agent.transfer;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one pull (and, summed, of the agent): what moved and what was refused. */
public final class TransferCounters {

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
