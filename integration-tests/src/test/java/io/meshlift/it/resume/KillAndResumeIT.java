package io.meshlift.it.resume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.meshlift.it.dataset.SharedRandomFile;
import io.meshlift.it.dataset.SharedRandomFiles;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.harness.AgentPair;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.PullSpecJson;
import io.meshlift.it.harness.PullStatus;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination agent is killed with SIGKILL in the middle of a 300 MiB pull and started again
 * with the same state directory: the pull resumes by itself and fetches only what was not yet
 * durable, plus at most what was in flight.
 */
@ExtendWith(SharedRandomFiles.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class KillAndResumeIT {

    private static final int CHUNK_SIZE = 4 << 20;
    /** Streams per peer (4) times requests per stream (4): chunks that can be in flight when killed. */
    private static final int IN_FLIGHT_BOUND = 4 * 4;

    private static final String FILE = "random-300MiB.bin";

    private static AgentPair agents;
    private static AgentProcess source;
    private static AgentProcess destination;
    private static Path dataset;
    private static long totalChunks;

    @BeforeAll
    static void startAgents(SharedRandomFile large) throws IOException {
        Workspace workspace = Workspace.forClass(KillAndResumeIT.class);
        Path sourceVolume = workspace.dir("agents", "src", "volume");
        dataset = sourceVolume.resolve("big");
        large.linkInto(dataset.resolve(FILE));
        totalChunks = (large.size() + CHUNK_SIZE - 1) / CHUNK_SIZE;

        agents = AgentPair.start(workspace, sourceVolume);
        source = agents.source();
        destination = agents.destination();
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void pullResumesAfterKill9AndRefetchesOnlyWhatWasNotDurable() throws IOException {
        PullSpecJson spec = PullSpecJson.fromAgent("resume", "src", source.peerPort(), "big", "copy", "4MiB")
                .withBandwidthLimit("40MiB");
        Path copy = destination.volume("data").resolve("copy");
        destination.admin().startPull(spec);

        PullStatus atKill = awaitProgressBetween(spec.id(), 0.25, 0.75);
        destination.kill9();
        assertThat(Files.exists(copy.resolve(FILE), LinkOption.NOFOLLOW_LINKS))
                .as("the file under its final name while the pull was half done")
                .isFalse();

        destination.restart();
        PullStatus resumed = destination.admin().awaitFinished(spec.id(), Duration.ofMinutes(5));

        System.out.printf(
                "KillAndResumeIT: total chunks %d; killed at %d bytes fetched (%d chunks); after restart: %d fetched,"
                        + " %d resumed, sum %d (bound %d); source served %d chunks since its start%n",
                totalChunks,
                atKill.bytesFetched(),
                atKill.chunksFetched(),
                resumed.chunksFetched(),
                resumed.chunksResumed(),
                resumed.chunksFetched() + resumed.chunksResumed(),
                totalChunks + IN_FLIGHT_BOUND,
                source.admin().served().chunks());

        assertThat(resumed.state()).as(resumed.summary()).isEqualTo(PullStatus.SUCCEEDED);
        assertThat(TreeComparison.between(dataset, copy).ignoringRootMtime().differences())
                .isEmpty();
        assertThat(resumed.destinationDatasetDigest()).isEqualTo(resumed.sourceDatasetDigest());
        assertThat(resumed.chunksResumed())
                .as("chunks kept from before the kill")
                .isPositive();
        assertThat(resumed.chunksFetched() + resumed.chunksResumed())
                .as("chunks fetched after the restart plus chunks resumed")
                .isLessThanOrEqualTo(totalChunks + IN_FLIGHT_BOUND);
    }

    /** Polls until the fraction of bytes fetched is in [low, high]; fails at once if it overshoots. */
    private static PullStatus awaitProgressBetween(String id, double low, double high) {
        long total = SharedRandomFile.SIZE;
        AtomicReference<PullStatus> last = new AtomicReference<>();
        return Awaitility.await("pull " + id + " between " + low + " and " + high + " of its bytes")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .failFast(
                        "pull went past " + high + " before it could be killed",
                        () -> last.get() != null
                                && (last.get().terminal() || last.get().bytesFetched() > high * total))
                .until(
                        () -> {
                            PullStatus status = destination.admin().pull(id);
                            last.set(status);
                            return status;
                        },
                        status -> status.bytesFetched() >= low * total && status.bytesFetched() <= high * total);
    }
}
