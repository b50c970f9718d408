package io.meshlift.bench.agents;

import java.util.concurrent.atomic.AtomicLong;

import io.grpc.Status;

/** What happened to a fleet's streams: heartbeats sent, failed connection attempts, streams lost. */
final class FleetCounters {

    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong streamsLost = new AtomicLong();
    private volatile String lastProblem;

    void heartbeatSent() {
        heartbeats.incrementAndGet();
    }

    /** The stream ended before its Welcome (typically a TLS handshake that timed out on a loaded host). */
    void connectFailed(String agent, Status status) {
        connectFailures.incrementAndGet();
        lastProblem = agent + " before Welcome: " + status;
    }

    /** A welcomed stream ended: the coordinator dropped the agent or the connection broke. */
    void streamLost(String agent, Status status) {
        streamsLost.incrementAndGet();
        lastProblem = agent + " after Welcome: " + status;
    }

    long heartbeats() {
        return heartbeats.get();
    }

    long connectFailures() {
        return connectFailures.get();
    }

    long streamsLost() {
        return streamsLost.get();
    }

    String lastProblem() {
        return lastProblem;
    }
}
