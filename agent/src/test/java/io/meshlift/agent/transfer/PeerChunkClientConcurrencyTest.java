package io.meshlift.agent.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.agent.peer.InProcessPeer;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.ManifestBuilder;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's concurrency, as a {@link ChunkConcurrency}, bounds the chunk requests really open at the source. */
class PeerChunkClientConcurrencyTest {

    private static final ChunkLayout LAYOUT = new ChunkLayout(ChunkLayout.MIN_CHUNK_SIZE);
    private static final int CHUNKS = 24;

    @TempDir
    Path sourceVolume;

    private InProcessPeer peer;
    private ScheduledExecutorService scheduler;
    private ManifestEntry entry;
    private final OpenRequests open = new OpenRequests();

    @BeforeEach
    void serveOneFile() throws Exception {
        byte[] content = new byte[CHUNKS * LAYOUT.chunkSize()];
        new Random(9).nextBytes(content);
        Files.createDirectories(sourceVolume.resolve("ds"));
        Files.write(sourceVolume.resolve("ds/file.bin"), content);
        List<ManifestEntry> entries = new ArrayList<>();
        new ManifestBuilder(LAYOUT, HashCache.NONE, PathFilter.ALL).build(sourceVolume.resolve("ds"), entries::add);
        entry = entries.get(0);
        peer = InProcessPeer.serving(sourceVolume);
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        peer.close();
        scheduler.shutdownNow();
    }

    @Test
    void keepsNoMoreChunkRequestsOpenThanThePlanAsked() throws Exception {
        assertThat(maxOpenWhileFetchingEveryChunk(ChunkConcurrency.of(3, 4, 4))).isEqualTo(3);
    }

    @Test
    void theAgentsCapBoundsALargerRequest() throws Exception {
        assertThat(maxOpenWhileFetchingEveryChunk(ChunkConcurrency.of(256, 2, 2)))
                .isEqualTo(4);
    }

    private int maxOpenWhileFetchingEveryChunk(ChunkConcurrency concurrency) throws Exception {
        Channel channel = ClientInterceptors.intercept(peer.channel(), open);
        try (PeerChunkClient client = new PeerChunkClient(
                new PeerEndpoint(AgentId.of("source"), "in-process", 1), channel, concurrency, 30, scheduler)) {
            List<CompletableFuture<ByteString>> chunks = new ArrayList<>();
            for (int index = 0; index < CHUNKS; index++) {
                chunks.add(client.fetch(new ChunkSpec("data", "ds", entry, LAYOUT, index)));
            }
            CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(chunks)
                    .allSatisfy(chunk -> assertThat(chunk.join().size()).isEqualTo(LAYOUT.chunkSize()));
        }
        return open.max.get();
    }

    /**
     * Counts requests sent and not yet answered over every FetchChunks call, and slows each answer down a
     * little so the client has every chance to open more than it should.
     */
    private static final class OpenRequests implements ClientInterceptor {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(
                            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onMessage(R message) {
                                    pause();
                                    now.decrementAndGet();
                                    super.onMessage(message);
                                }
                            },
                            headers);
                }

                @Override
                public void sendMessage(Q message) {
                    max.accumulateAndGet(now.incrementAndGet(), Math::max);
                    super.sendMessage(message);
                }
            };
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
