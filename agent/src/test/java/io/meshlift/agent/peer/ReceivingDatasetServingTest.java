package io.meshlift.agent.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.agent.swarm.LocalChunks;
import io.meshlift.agent.swarm.ReceivingDataset;
import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.PartialFiles;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.Volumes;
import io.meshlift.proto.peer.v1.Availability;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.ChunkError;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

import static org.assertj.core.api.Assertions.assertThat;

/** A destination that is still receiving a dataset re-shares only what it verified, over an in-process channel. */
class ReceivingDatasetServingTest {

    private static final int CHUNK = 64 * 1024;
    private static final RelativePath FILE = RelativePath.parse("big.bin");

    @TempDir
    Path volume;

    private final LocalChunks local = new LocalChunks();
    private Server server;
    private ManagedChannel channel;
    private ExecutorService io;
    private byte[] content;
    private ReceivingDataset held;

    @BeforeEach
    void start() throws Exception {
        content = new byte[3 * CHUNK];
        new java.util.Random(11).nextBytes(content);
        Files.createDirectories(volume.resolve("in/ds"));
        Files.write(volume.resolve("in/ds").resolve(PartialFiles.partName("big.bin")), content);
        held = local.startReceiving("data", RelativePath.parse("in/ds"));
        held.chunkVerified(FILE, content.length, CHUNK, 3, 0);
        held.chunkVerified(FILE, content.length, CHUNK, 3, 2);
        Files.createDirectories(volume.resolve("src"));
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
                                new PeerRefusals(refusal -> {}, Clock.systemUTC(), 60),
                                local),
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
    void announcesTheVerifiedChunksOfADatasetBeingReceived() {
        Availability availability = availability("in/ds");

        assertThat(availability.getComplete()).isFalse();
        assertThat(availability.getChunkBitmapsMap()).containsOnlyKeys("big.bin");
        assertThat(availability.getChunkBitmapsMap().get("big.bin").toByteArray())
                .containsExactly(0b101);
    }

    @Test
    void aDatasetNotBeingReceivedIsComplete() {
        assertThat(availability("src").getComplete()).isTrue();
    }

    @Test
    void servesAVerifiedChunkFromThePartFile() {
        ChunkResponse response = fetch(0);

        assertThat(response.hasData()).as(response.toString()).isTrue();
        assertThat(response.getData().toByteArray()).isEqualTo(chunk(0));
    }

    @Test
    void refusesAChunkNotVerifiedYet() {
        ChunkResponse response = fetch(1);

        assertThat(response.getError().getCode()).isEqualTo(ChunkError.Code.CODE_NOT_FOUND);
        assertThat(response.getError().getMessage()).contains("chunk 1 of 'big.bin' is not verified");
    }

    @Test
    void neverPassesOnAVerifiedChunkThatChangedOnDiskSince() throws Exception {
        byte[] tampered = content.clone();
        tampered[2 * CHUNK + 5] ^= 0x01;
        Files.write(volume.resolve("in/ds").resolve(PartialFiles.partName("big.bin")), tampered);

        ChunkResponse response = fetch(2);

        assertThat(response.hasData()).isFalse();
        assertThat(response.getError().getCode()).isEqualTo(ChunkError.Code.CODE_NOT_FOUND);
        assertThat(response.getError().getMessage()).contains("does not match the expected digest");
    }

    @Test
    void servesACompletedFileFromItsFinalName() throws Exception {
        Files.move(volume.resolve("in/ds").resolve(PartialFiles.partName("big.bin")), volume.resolve("in/ds/big.bin"));
        held.fileComplete(FILE, content.length, CHUNK, 3);

        ChunkResponse response = fetch(1);

        assertThat(response.getData().toByteArray()).isEqualTo(chunk(1));
        assertThat(availability("in/ds").getChunkBitmapsMap().get("big.bin").toByteArray())
                .containsExactly(0b111);
    }

    private byte[] chunk(int index) {
        return Arrays.copyOfRange(content, index * CHUNK, (index + 1) * CHUNK);
    }

    private Availability availability(String path) {
        return PeerTransferGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getAvailability(AvailabilityRequest.newBuilder()
                        .setDataset(DatasetRef.newBuilder().setVolume("data").setPath(path))
                        .build());
    }

    private ChunkResponse fetch(int index) {
        ChunkRequest request = ChunkRequest.newBuilder()
                .setRequestId(1)
                .setDataset(DatasetRef.newBuilder().setVolume("data").setPath("in/ds"))
                .setPath("big.bin")
                .setChunkIndex(index)
                .setChunkSize(CHUNK)
                .setExpectedDigest(ByteString.copyFrom(Sha256.of(chunk(index))))
                .setFileSize(content.length)
                .setFileMtimeNanos(123)
                .build();
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
            public void onCompleted() {}
        });
        out.onNext(request);
        out.onCompleted();
        try {
            Object event = events.poll(10, TimeUnit.SECONDS);
            if (event instanceof ChunkResponse response) {
                return response;
            }
            throw new AssertionError("expected a chunk response, got " + event);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
