package io.meshlift.coordinator.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import io.meshlift.proto.control.v1.CoordinatorMessage;

/**
 * The sending half of one agent's control stream. grpc-java's stream observers are not thread-safe and
 * do not bound what they buffer, so every message goes through a bounded queue drained only while the
 * transport is ready (gRPC flow control); the scheduler, the stream's own handler and REST commands may
 * all send concurrently.
 */
final class AgentConnection {

    private final String agentId;
    private final ServerCallStreamObserver<CoordinatorMessage> out;
    private final int capacity;
    private final Queue<CoordinatorMessage> queue = new ArrayDeque<>();
    private boolean closed;
    /** When the stream's access token expires; null when tokens are not required. */
    private volatile Instant tokenExpiry;

    AgentConnection(String agentId, ServerCallStreamObserver<CoordinatorMessage> out, int capacity) {
        this.agentId = agentId;
        this.out = out;
        this.capacity = capacity;
    }

    String agentId() {
        return agentId;
    }

    Instant tokenExpiry() {
        return tokenExpiry;
    }

    /** The stream now lives until {@code expiry} (a Reauthenticate replaced its token). */
    void tokenExpiry(Instant expiry) {
        tokenExpiry = expiry;
    }

    /** Queues a message; false if the stream is closed or the queue is full (the agent does not read). */
    synchronized boolean send(CoordinatorMessage message) {
        if (closed || queue.size() >= capacity) {
            return false;
        }
        queue.add(message);
        drain();
        return true;
    }

    /** Sends what the transport accepts now; called again by gRPC whenever the stream becomes ready. */
    synchronized void drain() {
        while (!closed && !queue.isEmpty() && out.isReady()) {
            out.onNext(queue.poll());
        }
    }

    /** Ends the stream: normally when {@code status} is OK, else with that error. Idempotent. */
    synchronized void close(Status status) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        try {
            if (status.isOk()) {
                out.onCompleted();
            } else {
                out.onError(status.asRuntimeException());
            }
        } catch (IllegalStateException alreadyClosed) {
            // The call was cancelled by the client meanwhile; nothing left to close.
        }
    }

    /** The peer went away: stop sending without touching the dead call. */
    synchronized void abandon() {
        closed = true;
        queue.clear();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
