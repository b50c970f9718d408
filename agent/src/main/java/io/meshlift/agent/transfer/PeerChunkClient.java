package io.meshlift.agent.transfer;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import io.meshlift.core.digest.Sha256;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

/**
 * Fetches chunks from one peer over a few concurrent FetchChunks streams, each with a bounded window
 * of open requests, and verifies every chunk's SHA-256 before handing it out. A stream that breaks
 * or stalls fails its open requests as retryable and is reopened on demand.
 */
public final class PeerChunkClient implements AutoCloseable {

    private final PeerEndpoint peer;
    private final PeerTransferGrpc.PeerTransferStub stub;
    private final int window;
    private final int maxInFlight;
    private final long stallNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledFuture<?> watchdog;
    private long nextRequestId;
    private volatile boolean closed;

    public PeerChunkClient(
            PeerEndpoint peer,
            Channel channel,
            int streams,
            int window,
            long stallTimeoutSeconds,
            ScheduledExecutorService scheduler) {
        this(peer, channel, new ChunkConcurrency(streams, window, streams * window), stallTimeoutSeconds, scheduler);
    }

    /** @param concurrency streams, requests per stream, and requests in flight over all streams */
    public PeerChunkClient(
            PeerEndpoint peer,
            Channel channel,
            ChunkConcurrency concurrency,
            long stallTimeoutSeconds,
            ScheduledExecutorService scheduler) {
        this.peer = peer;
        this.stub = PeerTransferGrpc.newStub(channel);
        this.window = concurrency.requestsPerStream();
        this.maxInFlight = concurrency.total();
        this.stallNanos = TimeUnit.SECONDS.toNanos(stallTimeoutSeconds);
        for (int i = 0; i < concurrency.streams(); i++) {
            slots.add(new Slot());
        }
        this.watchdog = scheduler.scheduleWithFixedDelay(this::cancelStalledStreams, 1, 1, TimeUnit.SECONDS);
    }

    public PeerEndpoint peer() {
        return peer;
    }

    /** Requests open on all streams now (at most the concurrency's total). */
    public synchronized int inFlight() {
        int open = 0;
        for (Slot slot : slots) {
            open += slot.openCount();
        }
        return open;
    }

    /**
     * @return completes with the chunk's verified bytes (not copied out of the message), or exceptionally with {@link
     *     ChunkCorruptException} or {@link ChunkUnavailableException}
     */
    public CompletableFuture<ByteString> fetch(ChunkSpec spec) {
        Pending pending = new Pending(spec, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                pending.result.completeExceptionally(
                        new ChunkUnavailableException("client for " + peer + " is closed", false));
                return pending.result;
            }
            queue.add(pending);
        }
        dispatch();
        return pending.result;
    }

    private void dispatch() {
        List<Runnable> sends = new ArrayList<>();
        synchronized (this) {
            int inFlight = 0;
            for (Slot slot : slots) {
                inFlight += slot.openCount();
            }
            for (Slot slot : slots) {
                while (!closed && !queue.isEmpty() && slot.openCount() < window && inFlight < maxInFlight) {
                    inFlight++;
                    Pending pending = queue.poll();
                    long id = ++nextRequestId;
                    StreamCall call = slot.call();
                    call.open.put(id, pending);
                    sends.add(call.sender(id, pending.spec));
                }
            }
        }
        sends.forEach(Runnable::run);
    }

    private void cancelStalledStreams() {
        long now = System.nanoTime();
        List<Slot> stalled = new ArrayList<>();
        synchronized (this) {
            for (Slot slot : slots) {
                if (slot.stalled(now)) {
                    stalled.add(slot);
                }
            }
        }
        for (Slot slot : stalled) {
            slot.abort("no data from " + peer + " for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s");
        }
    }

    @Override
    public void close() {
        List<Pending> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        watchdog.cancel(false);
        dropped.forEach(p -> p.result.completeExceptionally(new ChunkUnavailableException("pull stopped", false)));
        slots.forEach(slot -> slot.abort("pull stopped"));
    }

    private record Pending(ChunkSpec spec, CompletableFuture<ByteString> result) {}

    /** A stream position: holds the current FetchChunks call, replaced when that call dies. */
    private final class Slot {
        private StreamCall current;

        StreamCall call() {
            if (current == null || current.dead) {
                current = new StreamCall();
                stub.fetchChunks(current);
            }
            return current;
        }

        int openCount() {
            return current == null || current.dead ? 0 : current.open.size();
        }

        boolean stalled(long now) {
            return current != null
                    && !current.dead
                    && !current.open.isEmpty()
                    && now - current.lastActivity > stallNanos;
        }

        void abort(String why) {
            StreamCall call;
            synchronized (PeerChunkClient.this) {
                call = current;
            }
            if (call != null) {
                call.abort(why);
            }
        }
    }

    /** One FetchChunks call. Its maps are guarded by the client's monitor. */
    private final class StreamCall implements ClientResponseObserver<ChunkRequest, ChunkResponse> {
        private final Map<Long, Pending> open = new HashMap<>();
        private ClientCallStreamObserver<ChunkRequest> requests;
        private long lastActivity = System.nanoTime();
        private boolean dead;

        Runnable sender(long id, ChunkSpec spec) {
            ChunkRequest request = ChunkRequest.newBuilder()
                    .setRequestId(id)
                    .setDataset(DatasetRef.newBuilder()
                            .setVolume(spec.sourceVolume())
                            .setPath(spec.sourceDatasetPath()))
                    .setPath(spec.file().path().toString())
                    .setChunkIndex(spec.index())
                    .setChunkSize(spec.layout().chunkSize())
                    .setExpectedDigest(ByteString.copyFrom(spec.file().chunkDigest(spec.index())))
                    .setFileSize(spec.file().size())
                    .setFileMtimeNanos(spec.file().mtimeNanos())
                    .build();
            ClientCallStreamObserver<ChunkRequest> stream = requests;
            return () -> {
                synchronized (stream) {
                    stream.onNext(request);
                }
            };
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ChunkRequest> stream) {
            requests = stream;
        }

        @Override
        public void onNext(ChunkResponse response) {
            Pending pending;
            synchronized (PeerChunkClient.this) {
                lastActivity = System.nanoTime();
                pending = open.remove(response.getRequestId());
            }
            if (pending != null) {
                complete(pending, response);
            }
            dispatch();
        }

        private void complete(Pending pending, ChunkResponse response) {
            ChunkSpec spec = pending.spec;
            if (response.hasError()) {
                ChunkError error = response.getError();
                boolean retryable = error.getCode() == ChunkError.Code.CODE_IO;
                pending.result.completeExceptionally(new ChunkUnavailableException(
                        peer + " could not serve " + spec + ": " + error.getCode() + " " + error.getMessage(),
                        retryable));
                return;
            }
            // Hash the received buffers in place: no copy of the chunk on the hot path.
            ByteString data = response.getData();
            MessageDigest digest = Sha256.newDigest();
            data.asReadOnlyByteBufferList().forEach(digest::update);
            byte[] actual = digest.digest();
            if (data.size() != spec.length() || !spec.file().chunkDigestEquals(spec.index(), actual)) {
                pending.result.completeExceptionally(new ChunkCorruptException(
                        peer.agentId().toString(),
                        spec.file().path().toString(),
                        spec.index(),
                        spec.file().chunkDigest(spec.index()),
                        actual));
                return;
            }
            pending.result.complete(data);
        }

        @Override
        public void onError(Throwable t) {
            failOpen("stream to " + peer + " failed: " + Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            failOpen("stream to " + peer + " ended early");
        }

        void abort(String why) {
            requests.cancel(why, null);
            failOpen(why);
        }

        private void failOpen(String why) {
            List<Pending> failed;
            synchronized (PeerChunkClient.this) {
                dead = true;
                failed = new ArrayList<>(open.values());
                open.clear();
            }
            failed.forEach(p -> p.result.completeExceptionally(new ChunkUnavailableException(why, true)));
            if (!failed.isEmpty() && !closed) {
                dispatch();
            }
        }
    }
}
