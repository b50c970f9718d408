package io.meshlift.it.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.dataset.TreeEntry;
import io.meshlift.it.dataset.TreeSnapshot;
import io.meshlift.it.harness.AgentEnrollment;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.Workspace;
import io.meshlift.testkit.keycloak.KeycloakServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real coordinator and three real agents linked to it over the mTLS control channel run a plan of
 * two datasets: {@code ds-one} from a1 to a2 and a3, {@code ds-two} from a2 to a3. The job runs once
 * in {@link #runPlan}; each test checks one promise about its result, against the coordinator's
 * audit and against the trees on disk, re-hashed by the test itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class CoordinatorJobIT {

    private static final Duration AGENTS_ONLINE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final int SMALL_FILES = 300;
    private static final int LARGE_FILE = 20 * DatasetFixtures.MIB;

    private static Workspace workspace;
    private static CoordinatorProcess coordinator;
    private static final List<AgentProcess> agents = new ArrayList<>();
    private static CoordinatorApi api;
    /** Destination ({@code agent:volume:path}, as the audit names it) -> source tree and destination tree. */
    private static final Map<String, Copy> copies = new LinkedHashMap<>();

    private static String jobId;
    private static JsonNode finishedJob;
    /** The dry run's answer, asked before the job started. */
    private static JsonNode dryRun;
    /** Destination directories that existed right after the dry run (none should). */
    private static final List<Path> presentAfterDryRun = new ArrayList<>();

    @BeforeAll
    static void runPlan() throws IOException {
        workspace = Workspace.forClass(CoordinatorJobIT.class);
        LocalMeshFixture mesh =
                LocalMeshFixture.create(workspace.dir("mesh"), "a1", "a2", "a3", CoordinatorProcess.IDENTITY);
        coordinator = CoordinatorProcess.builder(mesh, workspace).start();
        api = new CoordinatorApi(coordinator);

        AgentProcess a1 = linkedAgent("a1", mesh, workspace);
        AgentProcess a2 = linkedAgent("a2", mesh, workspace);
        AgentProcess a3 = linkedAgent("a3", mesh, workspace);
        agents.addAll(List.of(a1, a2, a3));

        Path dsOne = a1.volume("data").resolve("ds-one");
        Path dsTwo = a2.volume("data").resolve("ds-two");
        new DatasetFixtures(3_001L).small(dsOne, files(new SplittableRandom(3_002L)));
        new DatasetFixtures(3_003L).small(dsTwo, files(new SplittableRandom(3_004L)));
        copies.put("a2:data:copies/ds-one", new Copy(dsOne, a2.volume("data").resolve("copies/ds-one")));
        copies.put("a3:data:copies/ds-one", new Copy(dsOne, a3.volume("data").resolve("copies/ds-one")));
        copies.put("a3:data:copies/ds-two", new Copy(dsTwo, a3.volume("data").resolve("copies/ds-two")));

        agents.forEach(AgentProcess::launch);
        agents.forEach(AgentProcess::awaitReady);
        withLogs(() -> await("agents a1, a2 and a3 ONLINE at the coordinator")
                .atMost(AGENTS_ONLINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        api::agents,
                        registered -> registered.stream()
                                .filter(agent ->
                                        "ONLINE".equals(agent.path("state").asText()))
                                .map(agent -> agent.path("id").asText())
                                .collect(Collectors.toSet())
                                .containsAll(Set.of("a1", "a2", "a3"))));

        String planId = api.createPlan(PLAN).path("id").asText();
        dryRun = api.dryRun(planId);
        System.out.println("CoordinatorJobIT: dry run " + dryRun);
        copies.values().stream().map(Copy::destination).filter(Files::exists).forEach(presentAfterDryRun::add);
        jobId = api.startJob(planId).path("id").asText();
        long started = System.nanoTime();
        finishedJob = withLogs(() -> await("job " + jobId + " to finish")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> api.job(jobId),
                        job -> Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                                .contains(job.path("state").asText())));
        System.out.printf(
                "CoordinatorJobIT: job %s ended %s after %d ms: %s%n",
                jobId,
                finishedJob.path("state").asText(),
                (System.nanoTime() - started) / 1_000_000,
                finishedJob.path("progress"));
        finishedJob.path("transfers").forEach(t -> System.out.println("CoordinatorJobIT: transfer " + t));
    }

    @AfterAll
    static void stopEverything() {
        agents.forEach(AgentProcess::close);
        if (coordinator != null) {
            coordinator.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void jobSucceedsWithEveryTransferSucceededAndDatasetDigestsEqual() {
        assertThat(finishedJob.path("state").asText())
                .as("job %s, coordinator log:%n%s", finishedJob.toPrettyString(), coordinator.logTail(60))
                .isEqualTo("SUCCEEDED");
        Map<String, JsonNode> transfers = new TreeMap<>();
        finishedJob
                .path("transfers")
                .forEach(t -> transfers.put(t.path("destination").asText(), t));
        assertThat(transfers).containsOnlyKeys(copies.keySet());
        transfers.forEach((destination, transfer) -> {
            assertThat(transfer.path("state").asText()).as(destination).isEqualTo("SUCCEEDED");
            assertThat(transfer.path("sourceDigest").asText()).as(destination).hasSize(64);
            assertThat(transfer.path("destinationDigest").asText())
                    .as(destination)
                    .isEqualTo(transfer.path("sourceDigest").asText());
        });
    }

    @Test
    @Order(2)
    void auditRecordsEveryFileOfEveryDestinationOnceWithMatchingDigests() throws IOException {
        Map<String, Map<String, JsonNode>> audited = new HashMap<>();
        for (JsonNode record : api.exportLedger(jobId)) {
            if (!"FILE_VERIFIED".equals(record.path("kind").asText())) {
                continue;
            }
            JsonNode file = CoordinatorApi.payload(record);
            JsonNode previous = audited.computeIfAbsent(file.path("destination").asText(), d -> new TreeMap<>())
                    .put(file.path("path").asText(), file);
            assertThat(previous).as("second FILE_VERIFIED for %s", file).isNull();
        }
        assertThat(audited).containsOnlyKeys(copies.keySet());

        for (var copy : copies.entrySet()) {
            Map<String, String> sourceFiles = fileDigests(copy.getValue().source());
            assertThat(sourceFiles).hasSize(SMALL_FILES + 1);
            Map<String, JsonNode> files = audited.get(copy.getKey());
            assertThat(files.keySet()).as(copy.getKey()).isEqualTo(sourceFiles.keySet());
            files.forEach((path, file) -> {
                assertThat(file.path("sourceSha256").asText())
                        .as("%s %s: audited source digest against the source file", copy.getKey(), path)
                        .isEqualTo(sourceFiles.get(path));
                assertThat(file.path("destinationSha256").asText())
                        .as("%s %s: audited destination digest", copy.getKey(), path)
                        .isEqualTo(file.path("sourceSha256").asText());
            });
        }
    }

    @Test
    @Order(3)
    void ledgerVerifiesAsAWholeAndForTheJob() {
        JsonNode all = api.verifyLedger();
        assertThat(all.path("valid").asBoolean()).as(all.toString()).isTrue();
        JsonNode job = api.verifyLedger(jobId);
        assertThat(job.path("valid").asBoolean()).as(job.toString()).isTrue();
        // at least one FILE_VERIFIED per file and destination, plus the transfers' and the job's ends
        assertThat(job.path("records").asLong()).isGreaterThanOrEqualTo(3L * (SMALL_FILES + 1) + 3 + 1);
    }

    @Test
    @Order(4)
    void ledgerAttestsEachTransferAndTheJobAsSucceeded() {
        Map<String, String> transfers = new TreeMap<>();
        List<String> jobs = new ArrayList<>();
        for (JsonNode record : api.exportLedger(jobId)) {
            JsonNode payload = CoordinatorApi.payload(record);
            if (!jobId.equals(record.path("jobId").asText()) || payload == null) {
                continue;
            }
            switch (record.path("kind").asText()) {
                case "TRANSFER_FINISHED" ->
                    transfers.put(
                            payload.path("destination").asText(),
                            payload.path("state").asText());
                case "JOB_FINISHED" -> jobs.add(payload.path("state").asText());
                default -> {}
            }
        }
        assertThat(transfers)
                .as("TRANSFER_FINISHED records by destination")
                .containsOnlyKeys(copies.keySet())
                .allSatisfy((destination, state) -> assertThat(state).isEqualTo("SUCCEEDED"));
        assertThat(jobs).as("states in JOB_FINISHED records").containsExactly("SUCCEEDED");
    }

    @Test
    @Order(5)
    void independentRehashOfEachDestinationTreeAgreesWithItsSourceAndWithTheAudit() throws IOException {
        Map<String, Map<String, String>> auditedDestinationDigests = new HashMap<>();
        for (JsonNode record : api.exportLedger(jobId)) {
            if ("FILE_VERIFIED".equals(record.path("kind").asText())) {
                JsonNode file = CoordinatorApi.payload(record);
                auditedDestinationDigests
                        .computeIfAbsent(file.path("destination").asText(), d -> new TreeMap<>())
                        .put(
                                file.path("path").asText(),
                                file.path("destinationSha256").asText());
            }
        }
        for (var copy : copies.entrySet()) {
            Path source = copy.getValue().source();
            Path destination = copy.getValue().destination();
            assertThat(TreeComparison.between(source, destination)
                            .ignoringRootMtime()
                            .differences())
                    .as("differences between %s and %s", source, destination)
                    .isEmpty();
            assertThat(fileDigests(destination))
                    .as("SHA-256 of every file of %s, re-hashed by the test, against the audit", destination)
                    .isEqualTo(auditedDestinationDigests.get(copy.getKey()));
        }
    }

    /** Runs a wait; a timeout fails with the coordinator's and the agents' last log lines. */
    /** An agent whose control link dials this test's coordinator. */
    private static AgentProcess linkedAgent(String id, LocalMeshFixture mesh, Workspace workspace) {
        return AgentProcess.builder(id, mesh, workspace)
                .volume("data", workspace.dir("agents", id, "volume"))
                .property("agent.coordinator.address", coordinator.controlAddress())
                .properties(
                        AgentEnrollment.enroll(coordinator, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                .build();
    }

    private static <T> T withLogs(java.util.function.Supplier<T> wait) {
        try {
            return wait.get();
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            logs.append("\n--- coordinator ---\n").append(coordinator.logTail(60));
            agents.forEach(agent -> logs.append("\n--- agent ")
                    .append(agent.id())
                    .append(" ---\n")
                    .append(agent.logTail(30)));
            throw new AssertionError(logs.toString(), e);
        }
    }

    /** A dataset's source tree and one of its destination trees. */
    private record Copy(Path source, Path destination) {}

    private static final String PLAN = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: coordinator-job-it
            spec:
              defaults: { verify: full, chunkSize: 1MiB, retries: 3 }
              datasets:
                - name: ds-one
                  source: { agent: a1, volume: data, path: ds-one }
                  destinations:
                    - { agent: a2, volume: data, path: copies/ds-one }
                    - { agent: a3, volume: data, path: copies/ds-one }
                - name: ds-two
                  source: { agent: a2, volume: data, path: ds-two }
                  destinations:
                    - { agent: a3, volume: data, path: copies/ds-two }
            """;

    /** {@value #SMALL_FILES} small files (0 to 8 KiB) over 10 directories and one 20 MiB file. */
    private static Map<String, Integer> files(SplittableRandom random) {
        Map<String, Integer> files = new TreeMap<>();
        for (int i = 0; i < SMALL_FILES; i++) {
            files.put(String.format("d%02d/f%04d.dat", i % 10, i), random.nextInt(8193));
        }
        files.put("large/big-20MiB.bin", LARGE_FILE);
        return files;
    }

    /** Relative path -> SHA-256 of every regular file under {@code root}, read by the test itself. */
    private static Map<String, String> fileDigests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (var entry : TreeSnapshot.of(root).entrySet()) {
            if (TreeEntry.FILE.equals(entry.getValue().type())) {
                digests.put(entry.getKey(), entry.getValue().sha256());
            }
        }
        return digests;
    }

    /**
     * The dry run, asked of the real source agents before the job, counted exactly the generated datasets:
     * per transfer and in total, files and bytes as the test counts them on disk. No transfer had run yet,
     * and the plan sets no bandwidth limit, so the estimate is unknown rather than invented.
     */
    @Test
    @Order(6)
    void aDryRunBeforeTheJobCountedTheGeneratedDatasetsExactlyAndMovedNothing() throws IOException {
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("ready").asBoolean()).as(dryRun.toString()).isTrue();
        Map<String, JsonNode> transfers = new TreeMap<>();
        dryRun.path("transfers")
                .forEach(t -> transfers.put(t.path("destination").asText(), t));
        assertThat(transfers).containsOnlyKeys(copies.keySet());
        long files = 0;
        long bytes = 0;
        for (var copy : copies.entrySet()) {
            List<TreeEntry> sourceFiles = TreeSnapshot.of(copy.getValue().source()).values().stream()
                    .filter(entry -> TreeEntry.FILE.equals(entry.type()))
                    .toList();
            long sourceBytes = sourceFiles.stream().mapToLong(TreeEntry::size).sum();
            JsonNode transfer = transfers.get(copy.getKey());
            assertThat(transfer.path("files").asLong()).as(copy.getKey()).isEqualTo(SMALL_FILES + 1);
            assertThat(transfer.path("files").asLong()).as(copy.getKey()).isEqualTo(sourceFiles.size());
            assertThat(transfer.path("bytes").asLong()).as(copy.getKey()).isEqualTo(sourceBytes);
            assertThat(transfer.path("estimateBasis").asText())
                    .as(copy.getKey())
                    .isEqualTo("unknown");
            assertThat(transfer.path("estimatedSeconds").isNull())
                    .as(copy.getKey())
                    .isTrue();
            assertThat(transfer.path("estimateNote").asText()).contains("no bandwidth limit");
            files += sourceFiles.size();
            bytes += sourceBytes;
        }
        assertThat(dryRun.path("totals").path("files").asLong()).isEqualTo(files);
        assertThat(dryRun.path("totals").path("bytes").asLong()).isEqualTo(bytes);
        assertThat(dryRun.path("totals").path("estimatedSeconds").isNull()).isTrue();
        assertThat(presentAfterDryRun)
                .as("destination directories right after the dry run")
                .isEmpty();
    }

    @Test
    @Order(7)
    void thePackagedCoordinatorRefusesRestCallsWithoutATokenButKeepsHealthOpen() {
        assertThat(api.statusWithoutToken("/api/v1/jobs/" + jobId)).isEqualTo(401);
        assertThat(api.statusWithoutToken("/api/v1/audit/ledger/verify")).isEqualTo(401);
        assertThat(api.statusWithoutToken("/q/openapi")).isEqualTo(401);
        assertThat(api.statusWithoutToken("/q/health/ready")).isEqualTo(200);
    }

    /**
     * After a whole job with enrollment, tokens and grants: no secret the run handled appears in any
     * process log (coordinator, agents, Keycloak's own log is not Meshlift's and is not scanned).
     */
    @Test
    @Order(8)
    void logsHoldNoSecrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        secrets.add(KeycloakServer.shared().clientSecret("meshlift-provisioner"));
        for (String id : List.of("a1", "a2", "a3")) {
            secrets.add(
                    Files.readString(workspace.dir("agents", id, "credentials").resolve("client-secret")));
        }
        // Any JSON Web Token (an access token, or a grant were it JWT-shaped) and any PEM private key.
        Pattern jwt = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
        List<Path> logs;
        try (Stream<Path> files = Files.list(workspace.logs())) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).as("process logs of this run").hasSizeGreaterThanOrEqualTo(4);
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(secret).isNotBlank();
                assertThat(text.contains(secret))
                        .as(log + " holds a client secret")
                        .isFalse();
            }
            assertThat(jwt.matcher(text).find()).as(log + " holds a token").isFalse();
            assertThat(text).as(log.toString()).doesNotContain("PRIVATE KEY");
        }
    }
}
