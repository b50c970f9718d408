package io.meshlift.agent.peer;

import java.nio.file.Path;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;

import io.meshlift.agent.wire.ManifestWire;
import io.meshlift.core.manifest.ManifestBuilder;
import io.meshlift.core.manifest.ManifestSummary;
import io.meshlift.proto.peer.v1.ManifestPart;

/** Walks a dataset and streams its manifest in bounded parts, waiting for the client to keep up. */
final class ManifestStreamer {

    private final ManifestBuilder builder;
    private final int chunkSize;

    ManifestStreamer(ManifestBuilder builder, int chunkSize) {
        this.builder = builder;
        this.chunkSize = chunkSize;
    }

    /** @param gate created on the gRPC thread, before the handler returned (gRPC requires that) */
    ManifestSummary stream(Path datasetRoot, ServerCallStreamObserver<ManifestPart> call, ReadyGate gate)
            throws Exception {
        ManifestPart.Builder part = ManifestPart.newBuilder().setChunkSize(chunkSize);
        long[] partBytes = {0};
        ManifestSummary summary = builder.build(datasetRoot, entry -> {
            var wire = ManifestWire.toWire(entry);
            part.addEntries(wire);
            partBytes[0] += wire.getSerializedSize();
            if (part.getEntriesCount() == ManifestWire.ENTRIES_PER_PART
                    || partBytes[0] >= ManifestWire.BYTES_PER_PART) {
                gate.awaitReady();
                call.onNext(part.build());
                part.clearEntries();
                partBytes[0] = 0;
            }
        });
        gate.awaitReady();
        call.onNext(part.setLast(true)
                .setDatasetDigest(ByteString.copyFrom(summary.datasetDigest()))
                .setTotalFiles(summary.files())
                .setTotalBytes(summary.bytes())
                .addAllSkipped(summary.skipped())
                .setRootMode(summary.rootMode())
                .setRootMtimeNanos(summary.rootMtimeNanos())
                .setSkippedTotal(summary.skippedCount())
                .build());
        call.onCompleted();
        return summary;
    }
}
