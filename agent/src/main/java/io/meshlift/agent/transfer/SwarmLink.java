package io.meshlift.agent.transfer;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import io.meshlift.proto.peer.v1.Availability;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

/**
 * This pull's connection to one swarm peer: its chunk client, what it last announced as verified
 * (refreshed by polling GetAvailability), the requests in flight to it, and whether it is quarantined or
 * no longer listed by the coordinator.
 */
final class SwarmLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SwarmLink.class);
    private static final long AVAILABILITY_DEADLINE_SECONDS = 10;

    private final String pullId;
    private volatile SwarmPeer peer;
    private final ManagedChannel managed;
    private final PeerChunkClient client;
    private final PeerTransferGrpc.PeerTransferStub stub;
    private final ScheduledFuture<?> poller;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean quarantined = new AtomicBoolean();
    private volatile boolean retired;
    private volatile Held held = Held.NOTHING;

    /** What the peer announced: everything, or per file the verified chunks. */
    private record Held(boolean complete, Map<String, BitSet> files) {
        static final Held NOTHING = new Held(false, Map.of());
    }

    SwarmLink(
            String pullId,
            SwarmPeer peer,
            PeerChannels channels,
            int streams,
            int window,
            long stallTimeoutSeconds,
            ScheduledExecutorService scheduler,
            long pollMillis) {
        this.pullId = pullId;
        this.peer = peer;
        this.managed = channels.open(peer.endpoint());
        Channel channel = ClientInterceptors.intercept(managed, new GrantAttacher(() -> this.peer.grant()));
        this.client = new PeerChunkClient(peer.endpoint(), channel, streams, window, stallTimeoutSeconds, scheduler);
        this.stub = PeerTransferGrpc.newStub(channel);
        this.poller = scheduler.scheduleWithFixedDelay(this::poll, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    SwarmPeer peer() {
        return peer;
    }

    /** The coordinator listed the peer again: take its (fresh) grant and address details. */
    void refresh(SwarmPeer listed) {
        peer = listed;
        retired = false;
    }

    /** The coordinator no longer lists the peer: ask it nothing more. */
    void retire() {
        retired = true;
    }

    boolean usable() {
        return !retired && !quarantined.get();
    }

    /** @return true the first time only */
    boolean quarantine() {
        return quarantined.compareAndSet(false, true);
    }

    boolean quarantined() {
        return quarantined.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    boolean holds(String path, int index) {
        Held now = held;
        if (now.complete()) {
            return true;
        }
        BitSet bits = now.files().get(path);
        if (bits == null) {
            return false;
        }
        synchronized (bits) {
            return bits.get(index);
        }
    }

    /** The peer could not serve a chunk it announced: do not ask it again until it announces it anew. */
    void forget(String path, int index) {
        Held now = held;
        if (now.complete()) {
            held = Held.NOTHING; // claimed everything but lacks this: trust only its next announcement
            return;
        }
        BitSet bits = now.files().get(path);
        if (bits != null) {
            synchronized (bits) {
                bits.clear(index);
            }
        }
    }

    /** Fetches {@code spec} from the peer's copy of the dataset; the bytes are verified by the client. */
    CompletableFuture<ByteString> fetch(ChunkSpec spec) {
        inFlight.incrementAndGet();
        ChunkSpec there =
                new ChunkSpec(peer.volume(), peer.path().toString(), spec.file(), spec.layout(), spec.index());
        return client.fetch(there).whenComplete((bytes, error) -> inFlight.decrementAndGet());
    }

    private void poll() {
        if (!usable() || !polling.compareAndSet(false, true)) {
            return;
        }
        AvailabilityRequest request = AvailabilityRequest.newBuilder()
                .setDataset(DatasetRef.newBuilder()
                        .setVolume(peer.volume())
                        .setPath(peer.path().toString()))
                .build();
        stub.withDeadlineAfter(AVAILABILITY_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .getAvailability(request, new StreamObserver<>() {
                    @Override
                    public void onNext(Availability availability) {
                        held = toHeld(availability);
                    }

                    @Override
                    public void onError(Throwable t) {
                        polling.set(false);
                        LOG.debugf("pull %s: availability of swarm peer %s: %s", pullId, peer, t.getMessage());
                    }

                    @Override
                    public void onCompleted() {
                        polling.set(false);
                    }
                });
    }

    private static Held toHeld(Availability availability) {
        if (availability.getComplete()) {
            return new Held(true, Map.of());
        }
        Map<String, BitSet> files = new ConcurrentHashMap<>();
        availability
                .getChunkBitmapsMap()
                .forEach((path, bitmap) -> files.put(path, BitSet.valueOf(bitmap.toByteArray())));
        return new Held(false, files);
    }

    @Override
    public void close() {
        poller.cancel(false);
        client.close();
        managed.shutdownNow();
    }
}
