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
        Outcome outcome = pullFromLiar("retried", Corruption.firstRequests(VICTIM, CORRUPT_CHUNK, corruptTimes));
        PullStatus status = outcome.status();

        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.SUCCEEDED);
        assertThat(outcome.corruptServed()).isEqualTo(corruptTimes);
        assertThat(status.chunksRejected()).isEqualTo(corruptTimes);
        assertThat(corruptIncidents(status)).hasSize(corruptTimes).allSatisfy(CorruptPeerIT::namesLiarFileAndChunk);
        assertThat(TreeSnapshot.sha256(outcome.copy().resolve(VICTIM))).isEqualTo(victimSha256);
        assertThat(TreeComparison.between(dataset, outcome.copy())
                        .ignoringRootMtime()
                        .differences())
                .isEmpty();
        assertThat(status.destinationDatasetDigest()).isEqualTo(manifest.datasetDigestHex());
        assertThat(outcome.observations())
                .as("the final name was seen appearing")
                .isNotEmpty();
        assertThat(outcome.wrongContent())
                .as("moments the final name held other bytes")
                .isEmpty();
    }

    @Test
    void failsWithoutEverExposingTheFileWhenEveryCopyOfAChunkIsCorrupt() throws Exception {
        Outcome outcome = pullFromLiar("always", Corruption.always(VICTIM, CORRUPT_CHUNK));
        PullStatus status = outcome.status();

        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.FAILED);
        assertThat(outcome.observations()).as("the final name never appeared").isEmpty();
        assertThat(namesFor(outcome.copy()))
                .as("what is left of %s", VICTIM)
                .doesNotContain(VICTIM)
                .isSubsetOf("." + VICTIM + ".meshlift-part", "." + VICTIM + ".meshlift-journal");
        assertPartialFileNeverHeldTheCorruptChunk(outcome.copy().resolve("." + VICTIM + ".meshlift-part"));
        assertThat(status.chunksRejected()).isEqualTo(outcome.corruptServed()).isPositive();
        assertThat(corruptIncidents(status)).isNotEmpty().allSatisfy(CorruptPeerIT::namesLiarFileAndChunk);
    }

    @Test
    void failedPullNamesThePeerTheFileAndTheChunkInItsError() throws Exception {
        PullStatus status = pullFromLiar("always-message", Corruption.always(VICTIM, CORRUPT_CHUNK))
                .status();

        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.FAILED);
        assertThat(status.error())
                .as("the pull's error names the peer, the file and the chunk")
                .contains(LIAR)
                .contains(VICTIM)
                .containsPattern("(?i)chunk\\D{0,12}" + CORRUPT_CHUNK + "\\b");
    }

    /** What one pull from the liar left behind. */
    private record Outcome(
            PullStatus status, int corruptServed, List<String> observations, List<String> wrongContent, Path copy) {}

    /** Pulls the liar's dataset into a fresh directory while watching the victim's final name. */
    private static Outcome pullFromLiar(String id, Corruption corruption) throws IOException {
        Path copy = Files.createDirectories(destination.volume("data").resolve("copy-" + id));
        try (LyingPeer liar = LyingPeer.start(mesh.agent(LIAR), mesh.caCertificate(), manifest, corruption);
                FinalNameWatch watch = FinalNameWatch.start(copy.resolve(VICTIM), victimSha256)) {
            PullSpecJson spec = new PullSpecJson(
                    id,
                    new PullSpecJson.Source(LIAR, "127.0.0.1", liar.port(), "data", "ds"),
                    new PullSpecJson.Destination("data", copy.getFileName().toString()),
                    "1MiB",
                    "full",
                    null,
                    null);
            destination.admin().startPull(spec);
            PullStatus status = destination.admin().awaitFinished(id, PULL_TIMEOUT);
            watch.stop();
            System.out.println("CorruptPeerIT: " + status.summary() + "; final name observed " + watch.observations()
                    + "; left: " + namesFor(copy));
            return new Outcome(status, liar.corruptServed(), watch.observations(), watch.wrongContent(), copy);
        }
    }

    private static void namesLiarFileAndChunk(Incident incident) {
        assertThat(incident.peer()).isEqualTo(LIAR);
        assertThat(incident.path()).isEqualTo(VICTIM);
        assertThat(incident.chunkIndex()).isEqualTo(CORRUPT_CHUNK);
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
