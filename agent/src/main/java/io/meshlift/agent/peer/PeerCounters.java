package io.meshlift.agent.peer;

import java.util.concurrent.atomic.LongAdder;
import jakarta.enterprise.context.ApplicationScoped;

/** What this agent has served to peers, since it started. */
@ApplicationScoped
public class PeerCounters {

    private final LongAdder chunksServed = new LongAdder();
    private final LongAdder bytesServed = new LongAdder();
    private final LongAdder manifestsServed = new LongAdder();

    void chunkServed(long bytes) {
        chunksServed.increment();
        bytesServed.add(bytes);
    }

    void manifestServed() {
        manifestsServed.increment();
    }

    public long chunksServed() {
        return chunksServed.sum();
    }

    public long bytesServed() {
        return bytesServed.sum();
    }

    public long manifestsServed() {
        return manifestsServed.sum();
    }
}
