package io.meshlift.agent.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.agent.peer.InProcessPeer;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.ManifestBuilder;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.manifest.PartialFiles;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

/** The delta: which chunks of a file move, and which are found locally, against a real peer service. */
class FileTransferTest {

    private static final ChunkLayout LAYOUT = new ChunkLayout(ChunkLayout.MIN_CHUNK_SIZE);
    private static final int CHUNKS = 10;

    @TempDir
    Path sourceVolume;

    @TempDir
    Path destination;

    private byte[] content;
    private ManifestEntry entry;
    private InProcessPeer peer;
    private PeerChunkClient client;
    private ScheduledExecutorService scheduler;
    private final TransferCounters counters = new TransferCounters();

    @BeforeEach
    void serveOneFile() throws Exception {
        content = new byte[CHUNKS * LAYOUT.chunkSize() - 123];
        new Random(5).nextBytes(content);
        Files.createDirectories(sourceVolume.resolve("ds"));
        Files.write(sourceVolume.resolve("ds/file.bin"), content);
        List<ManifestEntry> entries = new ArrayList<>();
        new ManifestBuilder(LAYOUT, HashCache.NONE, PathFilter.ALL).build(sourceVolume.resolve("ds"), entries::add);
        entry = entries.get(0);
        peer = InProcessPeer.serving(sourceVolume);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        client = new PeerChunkClient(
                new PeerEndpoint(AgentId.of("source"), "in-process", 1), peer.channel(), 2, 2, 30, scheduler);
    }

    @AfterEach
    void stop() {
        client.close();
        peer.close();
        scheduler.shutdownNow();
    }

    @Test
    void fetchesEveryChunkIntoAnEmptyDestination() throws Exception {
        FileResult result = transfer();

        assertThat(result.outcome()).isEqualTo(FileResult.Outcome.COPIED);
        assertThat(counters.chunksFetched()).isEqualTo(CHUNKS);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }

    @Test
    void fetchesOnlyTheChangedChunkOfAnOlderVersion() throws Exception {
        byte[] old = content.clone();
        old[3 * LAYOUT.chunkSize() + 17] ^= 1;
        Files.write(target(), old);

        FileResult result = transfer();

        assertThat(result.outcome()).isEqualTo(FileResult.Outcome.COPIED);
        assertThat(counters.chunksFetched()).isEqualTo(1);
        assertThat(counters.chunksReused()).isEqualTo(CHUNKS - 1);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }

    @Test
    void reusesChunksWhereverTheyMovedInTheOlderVersion() throws Exception {
        int size = LAYOUT.chunkSize();
        byte[] swapped = content.clone();
        System.arraycopy(content, 0, swapped, size, size);
        System.arraycopy(content, size, swapped, 0, size);
        Files.write(target(), swapped);

        transfer();

        assertThat(counters.chunksFetched()).isZero();
        assertThat(counters.chunksReused()).isEqualTo(CHUNKS);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }

    @Test
    void leavesAnIdenticalFileAloneAndFetchesNothing() throws Exception {
        Files.write(target(), content);

        FileResult result = transfer();

        assertThat(result.outcome()).isEqualTo(FileResult.Outcome.UNCHANGED);
        assertThat(counters.chunksFetched()).isZero();
    }

    @Test
    void resumesFromVerifiedChunksOfAnInterruptedPartialFile() throws Exception {
        int kept = 4;
        Files.write(
                destination.resolve(PartialFiles.partName("file.bin")),
                Arrays.copyOf(content, kept * LAYOUT.chunkSize()));

        transfer();

        assertThat(counters.chunksResumed()).isEqualTo(kept);
        assertThat(counters.chunksFetched()).isEqualTo(CHUNKS - kept);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
        assertThat(destination.resolve(PartialFiles.partName("file.bin"))).doesNotExist();
    }

    @Test
    void neverKeepsPartialBytesThatDoNotHashRight() throws Exception {
        byte[] garbage = new byte[2 * LAYOUT.chunkSize()];
        Files.write(destination.resolve(PartialFiles.partName("file.bin")), garbage);

        transfer();

        assertThat(counters.chunksResumed()).isZero();
        assertThat(counters.chunksFetched()).isEqualTo(CHUNKS);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }

    private FileResult transfer() throws InterruptedException {
        PullRequest request = new PullRequest(
                "test",
                client.peer(),
                "data",
                RelativePath.parse("ds"),
                "data",
                RelativePath.ROOT,
                LAYOUT,
                VerifyMode.FULL,
                List.of(),
                List.of(),
                0,
                false,
                0);
        PullContext context = new PullContext(
                request,
                "destination",
                client,
                List.of(BandwidthLimiter.UNLIMITED),
                scheduler,
                new LocalFiles(HashCache.NONE),
                new DirectorySyncs(),
                counters,
                new IncidentLog("test"),
                4,
                3);
        return new FileTransfer(context, entry, target()).run();
    }

    private Path target() {
        return destination.resolve("file.bin");
    }
}
