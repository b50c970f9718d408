package io.meshlift.it.corruption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.dataset.TreeSnapshot;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.PullSpecJson;
import io.meshlift.it.harness.PullStatus;
import io.meshlift.it.harness.PullStatus.Incident;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destination agent pulls from a peer that holds a genuine mesh certificate but sends a corrupt
 * chunk. Corrupt bytes must be rejected and reported, and never reach a file under its final name.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class CorruptPeerIT {

    private static final String LIAR = "liar";
    private static final int CHUNK_SIZE = DatasetFixtures.MIB;
    private static final String VICTIM = "victim.bin";
    private static final int CORRUPT_CHUNK = 5;
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(3);

    private static Workspace workspace;
    private static LocalMeshFixture mesh;
    private static AgentProcess destination;
    private static Path dataset;
    private static WireManifest manifest;
    private static String victimSha256;

    @BeforeAll
    static void startDestinationAndPrepareTheLiarsData() throws IOException {
        workspace = Workspace.forClass(CorruptPeerIT.class);
        mesh = LocalMeshFixture.create(workspace.dir("mesh"), "dst", LIAR);
        dataset = workspace.dir("liar", "ds");
        new DatasetFixtures(7_777L)
                .small(dataset, Map.of(VICTIM, 7 * CHUNK_SIZE + 12_345, "notes.txt", 1_000, "sub/inner.bin", 70_000));
        manifest = WireManifest.of(dataset, CHUNK_SIZE);
        victimSha256 = TreeSnapshot.sha256(dataset.resolve(VICTIM));
        destination = AgentProcess.builder("dst", mesh, workspace)
                .volume("data", workspace.dir("agents", "dst", "volume"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (destination != null) {
            destination.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void rejectsCorruptChunksReportsTheLiarAndCompletesWithTheTrueBytes() throws Exception {
        int corruptTimes = 2;
        Path copy = destinationDir("copy-retried");
        PullStatus status;
        List<String> wrongContent;
        List<String> observations;
        int corruptServed;
        try (LyingPeer liar = LyingPeer.start(
                        liarIdentity(),
                        mesh.caCertificate(),
                        manifest,
                        Corruption.firstRequests(VICTIM, CORRUPT_CHUNK, corruptTimes));
                FinalNameWatch watch = FinalNameWatch.start(copy.resolve(VICTIM), victimSha256)) {
            status = pullFrom(liar, "retried", copy);
            corruptServed = liar.corruptServed();
            watch.stop();
            wrongContent = watch.wrongContent();
            observations = watch.observations();
        }
        System.out.println("CorruptPeerIT: " + status.summary() + "; final name observed " + observations);

        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.SUCCEEDED);
        assertThat(corruptServed).isEqualTo(corruptTimes);
        assertThat(status.chunksRejected()).isEqualTo(corruptTimes);
        assertThat(corruptIncidents(status)).hasSize(corruptTimes).allSatisfy(incident -> {
            assertThat(incident.peer()).isEqualTo(LIAR);
            assertThat(incident.path()).isEqualTo(VICTIM);
            assertThat(incident.chunkIndex()).isEqualTo(CORRUPT_CHUNK);
        });
        assertThat(TreeSnapshot.sha256(copy.resolve(VICTIM))).isEqualTo(victimSha256);
        assertThat(TreeComparison.between(dataset, copy).ignoringRootMtime().differences())
                .isEmpty();
        assertThat(status.destinationDatasetDigest()).isEqualTo(manifest.datasetDigestHex());
        assertThat(observations).as("the final name was seen appearing").isNotEmpty();
        assertThat(wrongContent).as("moments the final name held other bytes").isEmpty();
    }

    @Test
    void failsNamingPeerFileAndChunkWhenEveryCopyOfAChunkIsCorrupt() throws Exception {
        Path copy = destinationDir("copy-always");
        PullStatus status;
        List<String> observations;
        int corruptServed;
        try (LyingPeer liar = LyingPeer.start(
                        liarIdentity(), mesh.caCertificate(), manifest, Corruption.always(VICTIM, CORRUPT_CHUNK));
                FinalNameWatch watch = FinalNameWatch.start(copy.resolve(VICTIM), victimSha256)) {
            status = pullFrom(liar, "always", copy);
            corruptServed = liar.corruptServed();
            watch.stop();
            observations = watch.observations();
        }
        System.out.println("CorruptPeerIT: " + status.summary());

        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.FAILED);
        assertThat(observations).as("the final name never appeared").isEmpty();
        assertThat(namesFor(copy))
                .as("what is left of %s", VICTIM)
                .doesNotContain(VICTIM)
                .isSubsetOf("." + VICTIM + ".meshlift-part", "." + VICTIM + ".meshlift-journal");
        assertPartialFileNeverHeldTheCorruptChunk(copy.resolve("." + VICTIM + ".meshlift-part"));
        assertThat(status.chunksRejected()).isEqualTo(corruptServed).isPositive();
        assertThat(corruptIncidents(status)).isNotEmpty().allSatisfy(incident -> {
            assertThat(incident.peer()).isEqualTo(LIAR);
            assertThat(incident.path()).isEqualTo(VICTIM);
            assertThat(incident.chunkIndex()).isEqualTo(CORRUPT_CHUNK);
        });
        // Checked last so that the safety checks above still run if only the message is lacking.
        assertThat(status.error())
                .as("the pull's error names the peer, the file and the chunk")
                .contains(LIAR)
                .contains(VICTIM)
                .containsPattern("(?i)chunk\\D{0,12}" + CORRUPT_CHUNK + "\\b");
    }

    private static PullStatus pullFrom(LyingPeer liar, String id, Path copy) {
        PullSpecJson spec = new PullSpecJson(
                id,
                new PullSpecJson.Source(LIAR, "127.0.0.1", liar.port(), "data", "ds"),
                new PullSpecJson.Destination("data", copy.getFileName().toString()),
                "1MiB",
                "full",
                null);
        destination.admin().startPull(spec);
        return destination.admin().awaitFinished(id, PULL_TIMEOUT);
    }

    /** Created before the pull so the watch can be registered on it. */
    private static Path destinationDir(String name) throws IOException {
        return Files.createDirectories(destination.volume("data").resolve(name));
    }

    private static AgentFiles liarIdentity() {
        return mesh.agent(LIAR);
    }

    private static List<Incident> corruptIncidents(PullStatus status) {
        return status.incidents().stream()
                .filter(incident -> incident.kind().equals("CORRUPT_CHUNK"))
                .toList();
    }

    private static List<String> namesFor(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString())
                    .filter(name -> name.contains(VICTIM))
                    .toList();
        }
    }

    /** Chunks are verified before they are written: the flipped bytes must not be in the part file. */
    private static void assertPartialFileNeverHeldTheCorruptChunk(Path part) throws IOException {
        if (!Files.exists(part)) {
            return;
        }
        byte[] corrupt = Corruption.flipFirstByte(manifest.chunk(VICTIM, CORRUPT_CHUNK));
        long offset = (long) CORRUPT_CHUNK * CHUNK_SIZE;
        byte[] held = new byte[corrupt.length];
        try (var in = new java.io.RandomAccessFile(part.toFile(), "r")) {
            if (in.length() < offset + held.length) {
                return;
            }
            in.seek(offset);
            in.readFully(held);
        }
        assertThat(HexFormat.of().formatHex(WireManifest.sha256().digest(held)))
                .as("chunk %d in %s", CORRUPT_CHUNK, part)
                .isNotEqualTo(HexFormat.of().formatHex(WireManifest.sha256().digest(corrupt)));
    }
}
