package io.meshlift.agent.peer;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Lets a producer thread wait until the transport can take another message, so a slow client
 * throttles the producer instead of growing a buffer (gRPC's isReady/onReady flow control).
 */
final class ReadyGate {

    private final ServerCallStreamObserver<?> call;
    private boolean cancelled;

    ReadyGate(ServerCallStreamObserver<?> call) {
        this.call = call;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(this::cancel);
    }

    private synchronized void signal() {
        notifyAll();
    }

    private synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Blocks until the call is ready; throws CANCELLED when the client went away. */
    synchronized void awaitReady() throws InterruptedException {
        while (!cancelled && !call.isReady()) {
            wait(1000);
        }
        if (cancelled) {
            throw new StatusRuntimeException(Status.CANCELLED.withDescription("client cancelled the call"));
        }
    }
}
