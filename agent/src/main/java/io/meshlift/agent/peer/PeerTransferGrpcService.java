package io.meshlift.agent.peer;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import io.meshlift.agent.wire.InvalidWireMessageException;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.ManifestBuilder;
import io.meshlift.core.manifest.ManifestSummary;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.proto.peer.v1.Availability;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.ManifestPart;
import io.meshlift.proto.peer.v1.ManifestRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

/** Serves this agent's datasets to authenticated peers. Blocking work runs on the I/O executor. */
final class PeerTransferGrpcService extends PeerTransferGrpc.PeerTransferImplBase {

    private static final Logger LOG = Logger.getLogger(PeerTransferGrpcService.class);
    private static final int MAX_PATTERNS = 256;

    private final SourceDatasets datasets;
    private final HashCache hashCache;
    private final ExecutorService ioExecutor;
    private final int maxOpenRequestsPerStream;
    private final PeerCounters counters;
    private final PeerRefusals refusals;

    PeerTransferGrpcService(
            SourceDatasets datasets,
            HashCache hashCache,
            ExecutorService ioExecutor,
            int maxOpenRequestsPerStream,
            PeerCounters counters,
            PeerRefusals refusals) {
        this.datasets = datasets;
        this.hashCache = hashCache;
        this.ioExecutor = ioExecutor;
        this.maxOpenRequestsPerStream = maxOpenRequestsPerStream;
        this.counters = counters;
        this.refusals = refusals;
    }

    @Override
    public void getManifest(ManifestRequest request, StreamObserver<ManifestPart> observer) {
        var call = (ServerCallStreamObserver<ManifestPart>) observer;
        String caller = String.valueOf(PeerIdentityInterceptor.CALLER.get());
        PeerAccess access = PeerAccess.current();
        ReadyGate gate = new ReadyGate(call);
        ioExecutor.execute(io.grpc.Context.current().wrap(() -> {
            try {
                authorize(access, caller, "GetManifest", request.getDataset());
                if (!request.hasDataset()) {
                    throw new InvalidWireMessageException("dataset is required");
                }
                if (request.getExcludeCount() + request.getIncludeCount() > MAX_PATTERNS) {
                    throw new InvalidWireMessageException("at most " + MAX_PATTERNS + " include/exclude patterns");
                }
                ChunkLayout layout = layout(request.getChunkSize());
                PathFilter filter = filter(request);
                Path root = datasets.datasetRoot(request.getDataset());
                ManifestSummary summary = new ManifestStreamer(
                                new ManifestBuilder(layout, hashCache, filter), layout.chunkSize())
                        .stream(root, call, gate);
                counters.manifestServed();
                LOG.debugf(
                        "served manifest of %s:%s to %s: %d files, %d bytes",
                        request.getDataset().getVolume(),
                        request.getDataset().getPath(),
                        caller,
                        summary.files(),
                        summary.bytes());
            } catch (Exception e) {
                GrpcErrors.close(call, e, "manifest of '" + request.getDataset().getPath() + "' for " + caller);
            }
        }));
    }

    @Override
    public StreamObserver<ChunkRequest> fetchChunks(StreamObserver<ChunkResponse> observer) {
        var call = (ServerCallStreamObserver<ChunkResponse>) observer;
        return new ChunkStreamHandler(
                call,
                datasets,
                ioExecutor,
                maxOpenRequestsPerStream,
                counters,
                String.valueOf(PeerIdentityInterceptor.CALLER.get()),
                PeerAccess.current(),
                refusals);
    }

    @Override
    public void getAvailability(AvailabilityRequest request, StreamObserver<Availability> observer) {
        String caller = String.valueOf(PeerIdentityInterceptor.CALLER.get());
        try {
            authorize(PeerAccess.current(), caller, "GetAvailability", request.getDataset());
            if (!request.hasDataset()) {
                throw new InvalidWireMessageException("dataset is required");
            }
            datasets.datasetRoot(request.getDataset());
            observer.onNext(Availability.newBuilder().setComplete(true).build());
            observer.onCompleted();
        } catch (Exception e) {
            GrpcErrors.close(
                    observer, e, "availability of '" + request.getDataset().getPath() + "' for " + caller);
        }
    }

    /**
     * Refuses (and reports) a request the call's grant does not cover, before anything is read or even
     * looked up. In mesh mode a path that does not parse is left to the usual INVALID_ARGUMENT.
     */
    private void authorize(PeerAccess access, String caller, String method, DatasetRef dataset) {
        try {
            refusals.require(access, caller, method, dataset.getVolume(), dataset.getPath());
        } catch (PathRejectedException e) {
            throw new InvalidWireMessageException("dataset path rejected: " + e.getMessage());
        }
    }

    private static ChunkLayout layout(int chunkSize) {
        try {
            return new ChunkLayout(chunkSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidWireMessageException(e.getMessage());
        }
    }

    private static PathFilter filter(ManifestRequest request) {
        try {
            return new PathFilter(request.getIncludeList(), request.getExcludeList());
        } catch (IllegalArgumentException e) {
            throw new InvalidWireMessageException(e.getMessage());
        }
    }
}
