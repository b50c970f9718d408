package io.meshlift.it.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.harness.AgentEnrollment;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Processes die in the middle of a job: the coordinator (SIGKILL, then restart) and the destination
 * agent (SIGKILL, then restart). Each time the job still completes, every file is recorded exactly
 * once in the audit, the ledger verifies, and the destination is identical to the source.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class CoordinatorFaultsIT {

    private static final int SMALL_FILES = 120;
    private static final int LARGE_FILE = 48 << 20;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    private static Workspace workspace;
    private static CoordinatorProcess coordinator;
    private static CoordinatorApi api;
    private static AgentProcess source;
    private static AgentProcess destination;
    private static Path dataset;

    @BeforeAll
    static void start() throws IOException {
        workspace = Workspace.forClass(CoordinatorFaultsIT.class);
        LocalMeshFixture mesh = LocalMeshFixture.create(workspace.dir("mesh"), "a1", "a2", CoordinatorProcess.IDENTITY);
        coordinator = CoordinatorProcess.builder(mesh, workspace).start();
        api = new CoordinatorApi(coordinator);
        source = linkedAgent("a1", mesh);
        destination = linkedAgent("a2", mesh);
        dataset = source.volume("data").resolve("ds");
        Map<String, Integer> files = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(77);
        for (int i = 0; i < SMALL_FILES; i++) {
            files.put(String.format("a-small/f%04d.dat", i), random.nextInt(4097));
        }
        files.put("z-large/big.bin", LARGE_FILE);
        new DatasetFixtures(78L).small(dataset, files);
        source.launch();
        destination.launch();
        source.awaitReady();
        destination.awaitReady();
        awaitOnline();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable process : new AutoCloseable[] {destination, source, coordinator, workspace}) {
            try {
                if (process != null) {
                    process.close();
                }
            } catch (Exception e) {
                System.out.println("CoordinatorFaultsIT: closing " + process + " failed: " + e);
            }
        }
    }

    @Test
    void coordinatorKilledMidJobStillEndsWithEveryFileRecordedOnce() throws IOException {
        String jobId = startJob("copy-1");
        awaitMidTransfer("copy-1");

        coordinator.kill9();
        coordinator.restart();
        awaitOnline();

        JsonNode job = awaitEnd(jobId);
        assertJobCompleteAndAudited(jobId, job, "copy-1");
    }

    @Test
    void destinationKilledMidJobResumesWhenItReturnsAndTheJobCompletes() throws IOException {
        String jobId = startJob("copy-2");
        awaitMidTransfer("copy-2");

        destination.kill9();
        destination.restart();

        JsonNode job = awaitEnd(jobId);
        assertJobCompleteAndAudited(jobId, job, "copy-2");
    }

    private static void assertJobCompleteAndAudited(String jobId, JsonNode job, String copy) throws IOException {
        System.out.printf(
                "CoordinatorFaultsIT: job %s ended %s: %s%n",
                jobId, job.path("state").asText(), job.path("transfers"));
        assertThat(job.path("state").asText())
                .as("job %s; coordinator log:%n%s", job, coordinator.logTail(40))
                .isEqualTo("SUCCEEDED");

        Map<String, Integer> recorded = new HashMap<>();
        for (JsonNode record : api.exportLedger(jobId)) {
            if ("FILE_VERIFIED".equals(record.path("kind").asText())) {
                JsonNode file = CoordinatorApi.payload(record);
                recorded.merge(file.path("path").asText(), 1, Integer::sum);
                assertThat(file.path("destinationSha256").asText())
                        .as(file.toString())
                        .isEqualTo(file.path("sourceSha256").asText());
            }
        }
        List<String> expected;
        try (Stream<Path> files = Files.walk(dataset)) {
            expected = files.filter(Files::isRegularFile)
                    .map(f -> dataset.relativize(f).toString())
                    .sorted()
                    .toList();
        }
        assertThat(recorded.keySet()).as("files recorded in the audit").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(recorded.values()).as("times each file was recorded").containsOnly(1);
        assertThat(api.verifyLedger().path("valid").asBoolean())
                .as(api.verifyLedger().toString())
                .isTrue();
        assertThat(TreeComparison.between(dataset, destination.volume("data").resolve(copy))
                        .ignoringRootMtime()
                        .differences())
                .isEmpty();
    }

    private static String startJob(String copy) {
        String plan = """
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata:
                  name: faults-%s
                spec:
                  defaults: { verify: full, chunkSize: 1MiB, bandwidthLimit: 8MiB/s, retries: 5 }
                  datasets:
                    - name: ds
                      source: { agent: a1, volume: data, path: ds }
                      destinations:
                        - { agent: a2, volume: data, path: %s }
                """.formatted(copy, copy);
        String planId = api.createPlan(plan).path("id").asText();
        return api.startJob(planId).path("id").asText();
    }

    /** All small files are in place and the large one is being assembled (its part file exists). */
    private static void awaitMidTransfer(String copy) {
        Path target = destination.volume("data").resolve(copy);
        await("the large file half copied into " + target)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> countFiles(target.resolve("a-small")) == SMALL_FILES
                        && Files.exists(target.resolve("z-large/.big.bin.meshlift-part")));
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    private static JsonNode awaitEnd(String jobId) {
        return await("job " + jobId + " to end")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> api.job(jobId),
                        job -> Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                                .contains(job.path("state").asText()));
    }

    private static void awaitOnline() {
        await("agents a1 and a2 ONLINE")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.agents().stream()
                        .filter(agent -> "ONLINE".equals(agent.path("state").asText()))
                        .map(agent -> agent.path("id").asText())
                        .collect(Collectors.toSet())
                        .containsAll(List.of("a1", "a2")));
    }

    private static AgentProcess linkedAgent(String id, LocalMeshFixture mesh) {
        return AgentProcess.builder(id, mesh, workspace)
                .volume("data", workspace.dir("agents", id, "volume"))
                .property("agent.coordinator.address", coordinator.controlAddress())
                .properties(
                        AgentEnrollment.enroll(coordinator, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                .build();
    }
}
