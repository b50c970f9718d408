package io.meshlift.bench.agents;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import io.meshlift.proto.control.v1.AgentControlGrpc;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.Heartbeat;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Volume;

/**
 * The control-plane footprint of one agent and nothing else: one mTLS channel with its own certificate,
 * one {@code Connect} stream, a {@code Register}, then a {@code Heartbeat} (with its volume, as the real
 * agent sends) every interval the coordinator's {@code Welcome} names. Like the real agent it dials again
 * after a failed or lost stream (after 1-3 s); it runs no transfers.
 */
final class SimulatedAgent {

    private static final long TOTAL_BYTES = 4L << 40;

    private final String id;
    private final ManagedChannel channel;
    private final ScheduledExecutorService timer;
    private final FleetCounters counters;
    private final CompletableFuture<Long> welcomed = new CompletableFuture<>();
    private StreamObserver<AgentMessage> stream;
    private ScheduledFuture<?> heartbeats;
    private boolean streamOpen;
    private boolean streamWelcomed;
    private boolean closing;

    SimulatedAgent(String id, ManagedChannel channel, ScheduledExecutorService timer, FleetCounters counters) {
        this.id = id;
        this.channel = channel;
        this.timer = timer;
        this.counters = counters;
    }

    /**
     * Opens the stream and registers; {@link #welcomed()} completes with the heartbeat interval in ms at the
     * first {@code Welcome}.
     */
    synchronized void connect() {
        if (closing) {
            return;
        }
        streamOpen = true;
        streamWelcomed = false;
        stream = AgentControlGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(CoordinatorMessage message) {
                if (message.hasWelcome()) {
                    startHeartbeats(message.getWelcome().getHeartbeatIntervalMs());
                }
            }

            @Override
            public void onError(Throwable error) {
                streamEnded(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                streamEnded(Status.OK);
            }
        });
        send(AgentMessage.newBuilder()
                .setRegister(Register.newBuilder()
                        .setAgentId(id)
                        .setVersion("bench")
                        .addVolumes(volume())
                        .setPeerHost("127.0.0.1")
                        .setPeerPort(7443)
                        .setMaxConcurrentPulls(2))
                .build());
    }

    CompletableFuture<Long> welcomed() {
        return welcomed;
    }

    String id() {
        return id;
    }

    private void startHeartbeats(long intervalMillis) {
        // Real agents start at different moments; a random phase spreads the heartbeats over the interval
        // instead of sending a thousand at once.
        long phase = ThreadLocalRandom.current().nextLong(intervalMillis);
        synchronized (this) {
            streamWelcomed = true;
            heartbeats = timer.scheduleAtFixedRate(this::heartbeat, phase, intervalMillis, TimeUnit.MILLISECONDS);
        }
        welcomed.complete(intervalMillis);
    }

    /** A failed handshake before the Welcome, or a lost stream after it: counted, then dialled again. */
    private void streamEnded(Status status) {
        synchronized (this) {
            streamOpen = false;
            stopHeartbeats();
            if (closing) {
                return;
            }
            if (streamWelcomed) {
                counters.streamLost(id, status);
            } else {
                counters.connectFailed(id, status);
            }
        }
        timer.schedule(this::connect, 1000 + ThreadLocalRandom.current().nextLong(2000), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().addVolumes(volume()))
                .build());
        counters.heartbeatSent();
    }

    private synchronized void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }

    private synchronized void send(AgentMessage message) {
        if (streamOpen) {
            stream.onNext(message);
        }
    }

    private static Volume volume() {
        return Volume.newBuilder()
                .setName("data")
                .setTotalBytes(TOTAL_BYTES)
                .setFreeBytes(TOTAL_BYTES / 2)
                .build();
    }

    /** Ends the stream as an agent shutting down does. */
    synchronized void close() {
        closing = true;
        stopHeartbeats();
        if (streamOpen) {
            streamOpen = false;
            stream.onCompleted();
        }
    }
}
