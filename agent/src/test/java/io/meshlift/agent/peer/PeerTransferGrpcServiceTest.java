package io.meshlift.agent.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.path.Volumes;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.ManifestPart;
import io.meshlift.proto.peer.v1.ManifestRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The peer service's request validation and flow, over an in-process channel. */
class PeerTransferGrpcServiceTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path volume;

    @TempDir
    Path outside;

    private Server server;
    private ManagedChannel channel;
    private ExecutorService io;
    private byte[] content;

    @BeforeEach
    void start() throws Exception {
        content = new byte[CHUNK + 10];
        new java.util.Random(7).nextBytes(content);
        Files.createDirectories(volume.resolve("ds/sub"));
        Files.write(volume.resolve("ds/sub/file.bin"), content);
        Files.createSymbolicLink(volume.resolve("escape"), outside);
        Files.writeString(outside.resolve("secret"), "outside");
        io = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(ServerInterceptors.intercept(
                        new PeerTransferGrpcService(
                                new SourceDatasets(Volumes.of(Map.of("data", volume))),
                                HashCache.NONE,
                                io,
                                4,
                                new PeerCounters(),
                                new PeerRefusals(refusal -> {}, Clock.systemUTC(), 60)),
                        new PeerGrantInterceptor(new PeerAuthorizer(PeerAuthorization.MESH, null))))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void streamsManifestWithDigestsAndFinalPart() {
        List<ManifestPart> parts = manifest(request("ds", CHUNK));

        ManifestPart last = parts.get(parts.size() - 1);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getTotalFiles()).isEqualTo(1);
        assertThat(last.getTotalBytes()).isEqualTo(content.length);
        var file = parts.stream()
                .flatMap(p -> p.getEntriesList().stream())
                .filter(e -> e.getPath().equals("sub/file.bin"))
                .findFirst()
                .orElseThrow();
        assertThat(file.getFileDigest().toByteArray()).isEqualTo(Sha256.of(content));
        assertThat(file.getChunkDigestsCount()).isEqualTo(2);
    }

    @Test
    void rejectsChunkSizeOutOfBoundsAsInvalidArgument() {
        assertStatus(() -> manifest(request("ds", 0)), Status.Code.INVALID_ARGUMENT, "chunk size");
        assertStatus(() -> manifest(request("ds", Integer.MAX_VALUE)), Status.Code.INVALID_ARGUMENT, "chunk size");
    }

    @Test
    void rejectsDatasetPathsThatLeaveTheVolume() {
        assertStatus(() -> manifest(request("../etc", CHUNK)), Status.Code.INVALID_ARGUMENT, "..");
        assertStatus(() -> manifest(request("/etc", CHUNK)), Status.Code.INVALID_ARGUMENT, "absolute");
        assertStatus(() -> manifest(request("escape/sub", CHUNK)), Status.Code.PERMISSION_DENIED, "escape");
        assertStatus(() -> manifest(request("escape", CHUNK)), Status.Code.INVALID_ARGUMENT, "not a directory");
    }

    @Test
    void unknownVolumeAndMissingDatasetAreNotFound() {
        ManifestRequest unknownVolume = ManifestRequest.newBuilder()
                .setDataset(DatasetRef.newBuilder().setVolume("nope").setPath("ds"))
                .setChunkSize(CHUNK)
                .build();
        assertStatus(() -> manifest(unknownVolume), Status.Code.NOT_FOUND, "nope");
        assertStatus(() -> manifest(request("missing", CHUNK)), Status.Code.NOT_FOUND, "missing");
    }

    @Test
    void missingDatasetFieldIsInvalidArgument() {
        assertStatus(
                () -> manifest(ManifestRequest.newBuilder().setChunkSize(CHUNK).build()),
                Status.Code.INVALID_ARGUMENT,
                "dataset is required");
    }

    @Test
    void servesChunkBytesOfTheCurrentFile() throws Exception {
        ChunkResponse response = fetch(chunk(1, "sub/file.bin", 1)).get(0);

        assertThat(response.getData().toByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(content, CHUNK, content.length));
    }

    @Test
    void answersChangedWhenTheFileNoLongerMatchesTheManifest() throws Exception {
        ChunkRequest stale =
                chunk(1, "sub/file.bin", 0).toBuilder().setFileSize(3).build();

        ChunkResponse response = fetch(stale).get(0);

        assertThat(response.getError().getCode()).isEqualTo(ChunkError.Code.CODE_CHANGED);
    }

    @Test
    void answersInvalidForIndexPastTheEndAndForHostilePaths() throws Exception {
        assertThat(fetch(chunk(1, "sub/file.bin", 5)).get(0).getError().getCode())
                .isEqualTo(ChunkError.Code.CODE_INVALID);
        assertThat(fetch(chunk(2, "../escape/secret", 0)).get(0).getError().getCode())
                .isEqualTo(ChunkError.Code.CODE_INVALID);
        assertThat(fetch(chunk(3, "sub/file.bin", 0).toBuilder().setChunkSize(0).build())
                        .get(0)
                        .getError()
                        .getCode())
                .isEqualTo(ChunkError.Code.CODE_INVALID);
    }

    @Test
    void neverServesThroughASymlinkedParent() throws Exception {
        ChunkRequest throughLink = ChunkRequest.newBuilder()
                .setRequestId(1)
                .setDataset(DatasetRef.newBuilder().setVolume("data").setPath(""))
                .setPath("escape/secret")
                .setChunkIndex(0)
                .setChunkSize(CHUNK)
                .setFileSize(7)
                .build();

        ChunkResponse response = fetch(throughLink).get(0);

        assertThat(response.hasData()).isFalse();
        assertThat(response.getError().getMessage()).doesNotContain("outside");
    }

    @Test
    void closesStreamThatReusesAnOpenRequestIdOrOpensTooMany() {
        List<ChunkRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tooMany.add(chunk(100 + i, "sub/file.bin", 0));
        }
        assertStatus(() -> fetchAll(tooMany, false), Status.Code.RESOURCE_EXHAUSTED, "more than 4");
    }

    private ManifestRequest request(String path, int chunkSize) {
        return ManifestRequest.newBuilder()
                .setDataset(DatasetRef.newBuilder().setVolume("data").setPath(path))
                .setChunkSize(chunkSize)
                .build();
    }

    private List<ManifestPart> manifest(ManifestRequest request) {
        List<ManifestPart> parts = new ArrayList<>();
        Iterator<ManifestPart> iterator = PeerTransferGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getManifest(request);
        iterator.forEachRemaining(parts::add);
        return parts;
    }

    private ChunkRequest chunk(long id, String path, int index) {
        FileStat stat;
        try {
            stat = FileStat.of(volume.resolve("ds/sub/file.bin"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return ChunkRequest.newBuilder()
                .setRequestId(id)
                .setDataset(DatasetRef.newBuilder().setVolume("data").setPath("ds"))
                .setPath(path)
                .setChunkIndex(index)
                .setChunkSize(CHUNK)
                .setExpectedDigest(ByteString.copyFrom(new byte[32]))
                .setFileSize(stat.size())
                .setFileMtimeNanos(stat.mtimeNanos())
                .build();
    }

    private List<ChunkResponse> fetch(ChunkRequest request) throws Exception {
        return fetchAll(List.of(request), true);
    }

    /** Sends the requests, half-closes, and collects answers; a stream error is rethrown. */
    private List<ChunkResponse> fetchAll(List<ChunkRequest> requests, boolean complete) {
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        StreamObserver<ChunkRequest> out = PeerTransferGrpc.newStub(channel).fetchChunks(new StreamObserver<>() {
            @Override
            public void onNext(ChunkResponse value) {
                events.add(value);
            }

            @Override
            public void onError(Throwable t) {
                events.add(t);
            }

            @Override
            public void onCompleted() {
                events.add("done");
            }
        });
        requests.forEach(out::onNext);
        if (complete) {
            out.onCompleted();
        }
        List<ChunkResponse> responses = new ArrayList<>();
        while (true) {
            Object event;
            try {
                event = events.poll(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (event == null) {
                throw new AssertionError("no answer within 10 s");
            }
            if (event instanceof RuntimeException error) {
                throw error;
            }
            if (event instanceof Throwable error) {
                throw new IllegalStateException(error);
            }
            if ("done".equals(event)) {
                return responses;
            }
            responses.add((ChunkResponse) event);
        }
    }

    private static void assertStatus(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Status.Code code, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(detail);
        });
    }
}
