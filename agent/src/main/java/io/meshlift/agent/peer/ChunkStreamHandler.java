package io.meshlift.agent.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import io.meshlift.agent.wire.InvalidWireMessageException;
import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.path.PathNotFoundException;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.UnknownVolumeException;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;

/**
 * Serves one FetchChunks stream. Requests queue up (at most {@code maxOpen} at once, or the stream
 * fails with RESOURCE_EXHAUSTED); a chunk is read from disk only when the transport is ready to take
 * it, so a slow reader costs the server at most one chunk per stream in memory.
 */
final class ChunkStreamHandler implements StreamObserver<ChunkRequest> {

    private static final Logger LOG = Logger.getLogger(ChunkStreamHandler.class);

    private final ServerCallStreamObserver<ChunkResponse> call;
    private final SourceDatasets datasets;
    private final Executor ioExecutor;
    private final int maxOpen;
    private final PeerCounters counters;
    private final String peer;
    private final PeerAccess access;
    private final PeerRefusals refusals;

    private final ArrayDeque<ChunkRequest> pending = new ArrayDeque<>();
    private final Set<Long> openIds = new HashSet<>();
    private boolean reading;
    private boolean clientDone;
    private boolean finished;

    ChunkStreamHandler(
            ServerCallStreamObserver<ChunkResponse> call,
            SourceDatasets datasets,
            Executor ioExecutor,
            int maxOpen,
            PeerCounters counters,
            String peer,
            PeerAccess access,
            PeerRefusals refusals) {
        this.call = call;
        this.datasets = datasets;
        this.ioExecutor = ioExecutor;
        this.maxOpen = maxOpen;
        this.counters = counters;
        this.peer = peer;
        this.access = access;
        this.refusals = refusals;
        call.setOnReadyHandler(this::drain);
        call.setOnCancelHandler(this::cancelled);
    }

    @Override
    public void onNext(ChunkRequest request) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (!authorized(request)) {
                return;
            }
            if (!openIds.add(request.getRequestId())) {
                fail(Status.INVALID_ARGUMENT.withDescription(
                        "request id " + request.getRequestId() + " is already open on this stream"));
                return;
            }
            if (openIds.size() > maxOpen) {
                fail(Status.RESOURCE_EXHAUSTED.withDescription(
                        "more than " + maxOpen + " chunk requests open on one stream"));
                return;
            }
            pending.add(request);
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        cancelled();
    }

    @Override
    public void onCompleted() {
        synchronized (this) {
            clientDone = true;
        }
        drain();
    }

    /**
     * Checks the chunk's file (dataset path plus file path) against the call's grant; a refusal ends the
     * whole stream with PERMISSION_DENIED, reported once. Paths that do not parse in mesh mode are left to
     * {@link #read}, which answers CODE_INVALID for that chunk only.
     */
    private boolean authorized(ChunkRequest request) {
        String dataset = request.getDataset().getPath();
        String file = request.getPath();
        String joined = dataset.isEmpty() ? file : file.isEmpty() ? dataset : dataset + "/" + file;
        try {
            refusals.require(access, peer, "FetchChunks", request.getDataset().getVolume(), joined);
            return true;
        } catch (GrantRefusedException e) {
            fail(GrpcErrors.toStatus(e));
            return false;
        } catch (PathRejectedException e) {
            return true;
        }
    }

    private synchronized void cancelled() {
        finished = true;
        pending.clear();
    }

    private synchronized void fail(Status status) {
        if (!finished) {
            finished = true;
            pending.clear();
            LOG.debugf("closing chunk stream from %s: %s", peer, status);
            call.onError(status.asRuntimeException());
        }
    }

    /** Starts the next read when the transport has room; one read per stream at a time. */
    private void drain() {
        ChunkRequest next;
        synchronized (this) {
            if (finished || reading) {
                return;
            }
            if (pending.isEmpty()) {
                if (clientDone && openIds.isEmpty()) {
                    finished = true;
                    call.onCompleted();
                }
                return;
            }
            if (!call.isReady()) {
                return;
            }
            next = pending.poll();
            reading = true;
        }
        ioExecutor.execute(() -> serve(next));
    }

    private void serve(ChunkRequest request) {
        ChunkResponse response = read(request);
        synchronized (this) {
            reading = false;
            openIds.remove(request.getRequestId());
            if (!finished) {
                call.onNext(response);
                if (response.hasData()) {
                    counters.chunkServed(response.getData().size());
                }
            }
        }
        drain();
    }

    private ChunkResponse read(ChunkRequest request) {
        ChunkResponse.Builder response = ChunkResponse.newBuilder().setRequestId(request.getRequestId());
        try {
            ChunkLayout layout = new ChunkLayout(request.getChunkSize());
            FileStat stat = datasets.statFile(request.getDataset(), request.getPath());
            if (stat.size() != request.getFileSize() || stat.mtimeNanos() != request.getFileMtimeNanos()) {
                return response.setError(error(
                                ChunkError.Code.CODE_CHANGED,
                                "file '" + request.getPath() + "' changed since the manifest: now " + stat.size()
                                        + " bytes, mtime " + stat.mtimeNanos()))
                        .build();
            }
            if (request.getChunkIndex() >= layout.chunkCount(stat.size())) {
                return response.setError(error(
                                ChunkError.Code.CODE_INVALID,
                                "chunk " + request.getChunkIndex() + " is past the end of '" + request.getPath() + "' ("
                                        + stat.size() + " bytes)"))
                        .build();
            }
            int length = layout.length(stat.size(), request.getChunkIndex());
            byte[] bytes = new byte[length];
            try (FileChannel channel = datasets.openFile(request.getDataset(), request.getPath())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = layout.offset(request.getChunkIndex());
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, position + buffer.position());
                    if (read < 0) {
                        return response.setError(error(
                                        ChunkError.Code.CODE_CHANGED,
                                        "file '" + request.getPath() + "' shrank while chunk " + request.getChunkIndex()
                                                + " was read"))
                                .build();
                    }
                }
            }
            return response.setData(UnsafeByteOperations.unsafeWrap(bytes)).build();
        } catch (IllegalArgumentException | InvalidWireMessageException | PathRejectedException e) {
            return response.setError(error(ChunkError.Code.CODE_INVALID, e.getMessage()))
                    .build();
        } catch (PathNotFoundException | UnknownVolumeException | java.nio.file.NoSuchFileException e) {
            return response.setError(error(ChunkError.Code.CODE_NOT_FOUND, e.getMessage()))
                    .build();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(
                    "I/O error serving chunk %d of '%s' to %s: %s",
                    request.getChunkIndex(), request.getPath(), peer, e);
            return response.setError(error(ChunkError.Code.CODE_IO, "I/O error on the serving agent"))
                    .build();
        }
    }

    private static ChunkError error(ChunkError.Code code, String message) {
        return ChunkError.newBuilder().setCode(code).setMessage(message).build();
    }
}
