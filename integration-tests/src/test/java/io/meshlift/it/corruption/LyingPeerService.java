package io.meshlift.it.corruption;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import io.meshlift.proto.peer.v1.Availability;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.ManifestEntry;
import io.meshlift.proto.peer.v1.ManifestPart;
import io.meshlift.proto.peer.v1.ManifestRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

/**
 * The PeerTransfer service of a peer that is authenticated but lies: its manifest is correct, its
 * chunks are correct except where {@link Corruption} says otherwise.
 */
final class LyingPeerService extends PeerTransferGrpc.PeerTransferImplBase {

    private final WireManifest manifest;
    private final Corruption corruption;
    private final AtomicInteger targetRequests = new AtomicInteger();
    private final AtomicInteger corruptServed = new AtomicInteger();

    LyingPeerService(WireManifest manifest, Corruption corruption) {
        this.manifest = manifest;
        this.corruption = corruption;
    }

    int corruptServed() {
        return corruptServed.get();
    }

    int targetRequests() {
        return targetRequests.get();
    }

    @Override
    public void getManifest(ManifestRequest request, StreamObserver<ManifestPart> observer) {
        if (request.getChunkSize() != manifest.chunkSize()) {
            observer.onError(Status.INVALID_ARGUMENT
                    .withDescription("this peer only cuts chunks of " + manifest.chunkSize() + " bytes")
                    .asRuntimeException());
            return;
        }
        manifest.parts().forEach(observer::onNext);
        observer.onCompleted();
    }

    /** Answers each request inline: gRPC delivers a call's messages one at a time, so no locking. */
    @Override
    public StreamObserver<ChunkRequest> fetchChunks(StreamObserver<ChunkResponse> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ChunkRequest request) {
                responses.onNext(answer(request));
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }
        };
    }

    @Override
    public void getAvailability(AvailabilityRequest request, StreamObserver<Availability> observer) {
        observer.onNext(Availability.newBuilder().setComplete(true).build());
        observer.onCompleted();
    }

    private ChunkResponse answer(ChunkRequest request) {
        ChunkResponse.Builder response = ChunkResponse.newBuilder().setRequestId(request.getRequestId());
        ManifestEntry entry = manifest.entry(request.getPath());
        if (entry == null || request.getChunkSize() != manifest.chunkSize()) {
            return response.setError(error(ChunkError.Code.CODE_NOT_FOUND, "no such chunk: " + request.getPath()))
                    .build();
        }
        try {
            byte[] chunk = manifest.chunk(request.getPath(), request.getChunkIndex());
            if (corruption.targets(request.getPath(), request.getChunkIndex())
                    && targetRequests.incrementAndGet() <= corruption.times()) {
                corruptServed.incrementAndGet();
                chunk = Corruption.flipFirstByte(chunk);
            }
            return response.setData(ByteString.copyFrom(chunk)).build();
        } catch (IOException | RuntimeException e) {
            return response.setError(error(ChunkError.Code.CODE_IO, e.toString()))
                    .build();
        }
    }

    private static ChunkError error(ChunkError.Code code, String message) {
        return ChunkError.newBuilder().setCode(code).setMessage(message).build();
    }
}
