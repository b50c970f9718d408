package io.meshlift.it.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.meshlift.it.dataset.ContentScan;
import io.meshlift.it.dataset.CoreutilsDigest;
import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.dataset.MixedDataset;
import io.meshlift.it.dataset.SharedRandomFile;
import io.meshlift.it.dataset.SharedRandomFiles;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.dataset.TreeSnapshot;
import io.meshlift.it.harness.AgentPair;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.PullSpecJson;
import io.meshlift.it.harness.PullStatus;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two agents, one pull of a dataset with every kind of entry. The pull runs once in {@link #copy};
 * each test checks one promise about its result. The no-change re-run goes last.
 */
@ExtendWith(SharedRandomFiles.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class PairCopyIT {

    private static final String CHUNK_SIZE = "1MiB";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private static AgentPair agents;
    private static AgentProcess source;
    private static AgentProcess destination;
    private static MixedDataset dataset;
    private static Path copy;
    private static PullSpecJson spec;
    private static PullStatus first;

    @BeforeAll
    static void copy(SharedRandomFile large) throws IOException {
        Workspace workspace = Workspace.forClass(PairCopyIT.class);
        Path sourceVolume = workspace.dir("agents", "src", "volume");
        dataset = new DatasetFixtures(20_240_601L)
                .mixed(sourceVolume.resolve("ds"), workspace.dir("outside"), large, DatasetFixtures.MIB, 10_000);
        agents = AgentPair.start(workspace, sourceVolume);
        source = agents.source();
        destination = agents.destination();
        copy = destination.volume("data").resolve("copy");

        spec = PullSpecJson.fromAgent("p1", "src", source.peerPort(), "ds", "copy", CHUNK_SIZE);
        long started = System.nanoTime();
        destination.admin().startPull(spec);
        first = destination.admin().awaitFinished("p1", PULL_TIMEOUT);
        System.out.printf(
                "PairCopyIT: first pull took %d ms: %s%n", (System.nanoTime() - started) / 1_000_000, first.summary());
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    @Order(1)
    void pullSucceedsAndCopiesEveryFile() {
        assertThat(first.state()).as(first.summary()).isEqualTo(PullStatus.SUCCEEDED);
        assertThat(first.filesFailed()).isZero();
        assertThat(first.chunksRejected()).isZero();
        assertThat(first.skipped())
                .as("source entries left out of the manifest")
                .isEmpty();
        // 4 sized files + the large one + the small ones + 8 names + 1 in a spaced directory + the script
        assertThat(first.filesDone()).isEqualTo(4 + 1 + dataset.smallFiles() + 8 + 1 + 1);
    }

    @Test
    @Order(2)
    void destinationMatchesSourceInContentTypeModeMtimeAndLinkTargets() {
        assertThat(TreeComparison.between(dataset.root(), copy)
                        .ignoringRootMtime()
                        .differences())
                .as("differences between %s and %s", dataset.root(), copy)
                .isEmpty();
    }

    @Test
    @Order(3)
    void datasetDigestsAgreeWithEachOtherAndWithCoreutils() throws Exception {
        String coreutils = CoreutilsDigest.of(dataset.root());
        assertThat(first.sourceDatasetDigest()).isEqualTo(coreutils);
        assertThat(first.destinationDatasetDigest()).isEqualTo(coreutils);
        assertThat(CoreutilsDigest.of(copy)).isEqualTo(coreutils);
    }

    @Test
    @Order(4)
    void symlinksLeavingTheVolumeArriveAsLinksAndTheCanaryIsNeverRead() throws IOException {
        for (String link : dataset.outsideLinks()) {
            Path copied = copy.resolve(link);
            assertThat(Files.isSymbolicLink(copied))
                    .as("%s is a symlink", copied)
                    .isTrue();
            assertThat(Files.readSymbolicLink(copied))
                    .isEqualTo(Files.readSymbolicLink(dataset.root().resolve(link)));
        }
        assertThat(ContentScan.filesContaining(copy, dataset.canaryMarker()))
                .as("files at the destination holding the canary's content")
                .isEmpty();
    }

    @Test
    @Order(5)
    void nfcAndNfdSpellingsOfOneNameStayTwoFilesWithTheirOwnContent() throws IOException {
        Path nfc = copy.resolve(dataset.nfcName());
        Path nfd = copy.resolve(dataset.nfdName());
        assertThat(nfc).isNotEqualTo(nfd);
        assertThat(TreeSnapshot.sha256(nfc))
                .isEqualTo(TreeSnapshot.sha256(dataset.root().resolve(dataset.nfcName())));
        assertThat(TreeSnapshot.sha256(nfd))
                .isEqualTo(TreeSnapshot.sha256(dataset.root().resolve(dataset.nfdName())));
        assertThat(TreeSnapshot.sha256(nfc)).isNotEqualTo(TreeSnapshot.sha256(nfd));
    }

    @Test
    @Order(6)
    void executableKeepsMode0755() throws IOException {
        assertThat(TreeSnapshot.read(copy.resolve(dataset.executable())).mode()).isEqualTo(0755);
        assertThat(Files.isExecutable(copy.resolve(dataset.executable()))).isTrue();
        assertThat(Files.isRegularFile(copy.resolve(dataset.executable()), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    @Order(7)
    void rerunOfTheSamePullFetchesNoChunkAndChangesNothing() {
        long servedBefore = source.admin().served().chunks();
        PullStatus rerun = destination.admin().startPull(spec.withId("p2"));
        rerun = destination.admin().awaitFinished(rerun.id(), PULL_TIMEOUT);
        System.out.println("PairCopyIT: re-run " + rerun.summary());

        assertThat(rerun.state()).as(rerun.summary()).isEqualTo(PullStatus.SUCCEEDED);
        assertThat(rerun.chunksFetched()).isZero();
        assertThat(rerun.filesUnchanged()).isEqualTo(rerun.filesListed()).isEqualTo(first.filesDone());
        assertThat(source.admin().served().chunks()).isEqualTo(servedBefore);
        assertThat(rerun.destinationDatasetDigest()).isEqualTo(first.sourceDatasetDigest());
        assertThat(TreeComparison.between(dataset.root(), copy)
                        .ignoringRootMtime()
                        .differences())
                .isEmpty();
    }
}
