package io.meshlift.it.incremental;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.dataset.RandomBytes;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.harness.AgentPair;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.PullSpecJson;
import io.meshlift.it.harness.PullStatus;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second pass after a few changes moves only the changed chunks: a region rewritten in place in a
 * large file, a few rewritten small files and one new file. Unchanged chunks of the older
 * destination version are reused locally, and the result is identical to the source.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class IncrementalCopyIT {

    private static final int CHUNK = 1 << 20;
    private static final int BIG_CHUNKS = 48;
    private static final int SMALL_FILES = 40;

    private static AgentPair agents;
    private static AgentProcess source;
    private static AgentProcess destination;
    private static Path dataset;

    @BeforeAll
    static void startAgents() throws IOException {
        Workspace workspace = Workspace.forClass(IncrementalCopyIT.class);
        Path sourceVolume = workspace.dir("agents", "src", "volume");
        dataset = sourceVolume.resolve("ds");
        SplittableRandom random = new SplittableRandom(11);
        Files.createDirectories(dataset.resolve("small"));
        RandomBytes.writeFile(dataset.resolve("big.bin"), (long) BIG_CHUNKS * CHUNK, random);
        for (int i = 0; i < SMALL_FILES; i++) {
            Files.write(dataset.resolve("small/f" + i), RandomBytes.bytes(3000 + i, random));
        }
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
    void secondPassMovesOnlyTheChangedChunksAndReusesTheRestLocally() throws IOException {
        PullSpecJson first = PullSpecJson.fromAgent("pass-1", "src", source.peerPort(), "ds", "ds", "1MiB");
        destination.admin().startPull(first);
        PullStatus firstPass = destination.admin().awaitFinished(first.id(), Duration.ofMinutes(3));
        assertThat(firstPass.state()).as(firstPass.summary()).isEqualTo(PullStatus.SUCCEEDED);

        SplittableRandom random = new SplittableRandom(12);
        overwriteInPlace(dataset.resolve("big.bin"), 10L * CHUNK + 100, RandomBytes.bytes(CHUNK, random));
        for (int i = 0; i < 3; i++) {
            Files.write(dataset.resolve("small/f" + i), RandomBytes.bytes(2000, random));
        }
        Files.write(dataset.resolve("small/new"), RandomBytes.bytes(500, random));

        PullSpecJson second = first.withId("pass-2");
        destination.admin().startPull(second);
        PullStatus secondPass = destination.admin().awaitFinished(second.id(), Duration.ofMinutes(3));

        System.out.printf(
                "IncrementalCopyIT: second pass fetched %d chunks (%d bytes), reused %d chunks, %d files unchanged%n",
                secondPass.chunksFetched(),
                secondPass.bytesFetched(),
                secondPass.chunksReused(),
                secondPass.filesUnchanged());
        assertThat(secondPass.state()).as(secondPass.summary()).isEqualTo(PullStatus.SUCCEEDED);
        Path copy = destination.volume("data").resolve("ds");
        assertThat(TreeComparison.between(dataset, copy).ignoringRootMtime().differences())
                .isEmpty();
        // 1 MiB written at an unaligned offset touches 2 chunks of big.bin; plus 3 rewritten and 1 new small file.
        assertThat(secondPass.chunksFetched()).isEqualTo(2 + 3 + 1);
        assertThat(secondPass.chunksReused()).isEqualTo(BIG_CHUNKS - 2);
        assertThat(secondPass.filesUnchanged()).isEqualTo(SMALL_FILES - 3);
        assertThat(secondPass.destinationDatasetDigest()).isEqualTo(secondPass.sourceDatasetDigest());
    }

    @Test
    void deleteExtraneousRemovesWhatTheSourceNoLongerHasButNotWhatTheFiltersLeaveOut() throws IOException {
        Path tree = Files.createDirectories(dataset.resolveSibling("tree"));
        Files.createDirectories(tree.resolve("keep"));
        Files.createDirectories(tree.resolve("retired/deep"));
        Files.writeString(tree.resolve("keep/a.txt"), "a");
        Files.writeString(tree.resolve("retired/deep/b.txt"), "b");
        Files.writeString(tree.resolve("gone.txt"), "gone soon");
        PullSpecJson first = PullSpecJson.fromAgent("delete-1", "src", source.peerPort(), "tree", "tree", "1MiB");
        assertSucceeded(first);
        Path copy = destination.volume("data").resolve("tree");
        // Gone from the source since the first pass; and an entry that only ever existed at the destination.
        Files.delete(tree.resolve("gone.txt"));
        Files.delete(tree.resolve("retired/deep/b.txt"));
        Files.delete(tree.resolve("retired/deep"));
        Files.delete(tree.resolve("retired"));
        Files.writeString(copy.resolve("local-only.txt"), "never at the source");

        PullStatus withoutDelete = assertSucceeded(first.withId("delete-2"));
        assertThat(withoutDelete.entriesDeleted()).isZero();
        assertThat(copy.resolve("gone.txt")).as("off by default").exists();

        PullStatus withDelete = assertSucceeded(first.withId("delete-3").withDeleteExtraneous());
        assertThat(TreeComparison.between(tree, copy).ignoringRootMtime().differences())
                .isEmpty();
        // gone.txt, local-only.txt, retired/deep/b.txt, retired/deep, retired
        assertThat(withDelete.entriesDeleted()).isEqualTo(5);
    }

    @Test
    void deleteExtraneousRefusesWhenTheSourceListsNothing() throws IOException {
        Path empty = Files.createDirectories(dataset.resolveSibling("emptied"));
        Path copy = Files.createDirectories(destination.volume("data").resolve("precious"));
        Files.writeString(copy.resolve("data.db"), "what an unmounted source volume must not erase");

        PullSpecJson spec = PullSpecJson.fromAgent(
                        "delete-empty",
                        "src",
                        source.peerPort(),
                        empty.getFileName().toString(),
                        "precious",
                        "1MiB")
                .withDeleteExtraneous();
        destination.admin().startPull(spec);
        PullStatus status = destination.admin().awaitFinished(spec.id(), Duration.ofMinutes(3));

        assertThat(status.state()).isEqualTo(PullStatus.FAILED);
        assertThat(status.error()).contains("deleteExtraneous refused").contains("nothing was deleted");
        assertThat(copy.resolve("data.db")).hasContent("what an unmounted source volume must not erase");
    }

    private static PullStatus assertSucceeded(PullSpecJson spec) {
        destination.admin().startPull(spec);
        PullStatus status = destination.admin().awaitFinished(spec.id(), Duration.ofMinutes(3));
        assertThat(status.state()).as(status.summary()).isEqualTo(PullStatus.SUCCEEDED);
        return status;
    }

    private static void overwriteInPlace(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }
}
