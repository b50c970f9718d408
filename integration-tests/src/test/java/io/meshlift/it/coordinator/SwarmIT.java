package io.meshlift.it.coordinator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.meshlift.it.corruption.Corruption;
import io.meshlift.it.corruption.LyingPeer;
import io.meshlift.it.corruption.WireManifest;
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
 * One source, several destinations, a real coordinator as the swarm's tracker, every agent a real process
 * over real mTLS with coordinator grants. Each test runs its own job of the same dataset into fresh paths
 * and counts the bytes each agent served to peers (the agents' own counters) across that job:
 *
 * <ul>
 *   <li>swarm on: every destination verified identical, and the source served well under 3 copies;
 *   <li>swarm off: every destination pulled from the source only;
 *   <li>one member lies (its advertised peer port leads to a peer with its genuine certificate that sends
 *       corrupt bytes for every chunk): it is quarantined and reported, and the others finish identical.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 40, unit = java.util.concurrent.TimeUnit.MINUTES)
class SwarmIT {

    private static final Duration AGENTS_ONLINE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    private static final int CHUNK_SIZE = 256 * 1024;
    private static final List<String> DESTINATIONS = List.of("d1", "d2", "d3");
    private static final String LIAR = "liar";

    private static Workspace workspace;
    private static CoordinatorProcess coordinator;
    private static final Map<String, AgentProcess> agents = new LinkedHashMap<>();
    private static CoordinatorApi api;
    private static LyingPeer lyingPeer;
    private static Path dataset;
    private static long datasetBytes;

    @BeforeAll
    static void startCoordinatorAndAgents() throws IOException {
        workspace = Workspace.forClass(SwarmIT.class);
        LocalMeshFixture mesh = LocalMeshFixture.create(
                workspace.dir("mesh"), "src", "d1", "d2", "d3", LIAR, CoordinatorProcess.IDENTITY);
        coordinator = CoordinatorProcess.builder(mesh, workspace).start();
        api = new CoordinatorApi(coordinator);

        for (String id : List.of("src", "d1", "d2", "d3")) {
            agents.put(id, linkedAgent(id, mesh, Map.of()));
        }
        dataset = agents.get("src").volume("data").resolve("fanout");
        Map<String, Integer> files = new TreeMap<>();
        files.put("big/image-24MiB.bin", 24 * DatasetFixtures.MIB);
        for (int i = 0; i < 8; i++) {
            files.put(String.format("parts/part-%02d.bin", i), DatasetFixtures.MIB + i * 4_099);
        }
        files.put("notes/readme.txt", 3_000);
        new DatasetFixtures(5_005L).small(dataset, files);
        datasetBytes = files.values().stream().mapToLong(Integer::longValue).sum();

        // The liar is enrolled and copies like any destination, but tells the coordinator that peers reach
        // it at the lying peer's port, which holds its genuine certificate.
        lyingPeer = LyingPeer.start(
                mesh.agent(LIAR), mesh.caCertificate(), WireManifest.of(dataset, CHUNK_SIZE), Corruption.everyChunk());
        agents.put(
                LIAR,
                linkedAgent(LIAR, mesh, Map.of("agent.coordinator.advertised-port", String.valueOf(lyingPeer.port()))));

        agents.values().forEach(AgentProcess::launch);
        agents.values().forEach(AgentProcess::awaitReady);
        withLogs(() -> await("every agent ONLINE at the coordinator")
                .atMost(AGENTS_ONLINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        api::agents,
                        registered -> registered.stream()
                                .filter(agent ->
                                        "ONLINE".equals(agent.path("state").asText()))
                                .map(agent -> agent.path("id").asText())
                                .collect(Collectors.toSet())
                                .containsAll(agents.keySet())));
    }

    @AfterAll
    static void stopEverything() {
        agents.values().forEach(AgentProcess::close);
        if (lyingPeer != null) {
            lyingPeer.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void swarmOnEveryDestinationVerifiesWhileTheSourceServesFarLessThanOneCopyEach() throws IOException {
        Map<String, Long> before = served();
        JsonNode job = runJob(plan("swarm-on", true, DESTINATIONS));
        Map<String, Long> delta = delta(before, served());
        report("swarm on", delta);

        assertSucceeded(job);
        assertIdentical("swarm-on", DESTINATIONS);
        long fromDestinations = DESTINATIONS.stream().mapToLong(delta::get).sum();
        assertThat(fromDestinations)
                .as("bytes the destinations served each other (per agent: %s)", delta)
                .isPositive();
        assertThat(delta.get("src"))
                .as(
                        "bytes the source served for 3 destinations of a %d-byte dataset (per agent: %s)",
                        datasetBytes, delta)
                .isLessThan(2 * datasetBytes);
    }

    @Test
    @Order(2)
    void swarmOffEveryDestinationPullsFromTheSourceOnly() throws IOException {
        Map<String, Long> before = served();
        JsonNode job = runJob(plan("swarm-off", false, DESTINATIONS));
        Map<String, Long> delta = delta(before, served());
        report("swarm off", delta);

        assertSucceeded(job);
        assertIdentical("swarm-off", DESTINATIONS);
        DESTINATIONS.forEach(d -> assertThat(delta.get(d))
                .as("bytes %s served with swarming off (per agent: %s)", d, delta)
                .isZero());
        assertThat(delta.get("src"))
                .as("bytes the source served: every destination's whole copy (per agent: %s)", delta)
                .isGreaterThanOrEqualTo(3 * datasetBytes);
    }

    @Test
    @Order(3)
    void aLyingMemberIsQuarantinedAndReportedWhileTheOthersFinishIdentical() throws IOException {
        List<String> destinations = List.of("d1", "d2", LIAR);
        JsonNode job = runJob(plan("liar", true, destinations));

        assertSucceeded(job);
        assertIdentical("liar", destinations);
        assertThat(lyingPeer.corruptServed())
                .as("corrupt chunks the lying peer sent")
                .isPositive();
        List<JsonNode> quarantines = new ArrayList<>();
        for (JsonNode record : api.exportLedger(job.path("id").asText())) {
            if ("SWARM_PEER_QUARANTINED".equals(record.path("kind").asText())) {
                quarantines.add(CoordinatorApi.payload(record));
            }
        }
        assertThat(quarantines).as("SWARM_PEER_QUARANTINED records of the job").isNotEmpty();
        quarantines.forEach(q -> {
            assertThat(q.path("peer").asText()).isEqualTo(LIAR);
            assertThat(q.path("reporter").asText()).isIn("d1", "d2");
            assertThat(q.path("actualSha256").asText())
                    .isNotEqualTo(q.path("expectedSha256").asText());
        });
        // Each reporter quarantines the liar once per pull, however many corrupt chunks it received.
        assertThat(quarantines.stream().map(q -> q.path("reporter").asText()).toList())
                .doesNotHaveDuplicates();
    }

    private static JsonNode runJob(String plan) {
        String planId = api.createPlan(plan).path("id").asText();
        String jobId = api.startJob(planId).path("id").asText();
        long started = System.nanoTime();
        JsonNode finished = withLogs(() -> await("job " + jobId + " to finish")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.job(jobId),
                        job -> Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                                .contains(job.path("state").asText())));
        System.out.printf(
                "SwarmIT: job %s ended %s after %d ms%n",
                jobId, finished.path("state").asText(), (System.nanoTime() - started) / 1_000_000);
        return finished;
    }

    private static void assertSucceeded(JsonNode job) {
        assertThat(job.path("state").asText())
                .as("job %s%ncoordinator log:%n%s", job.toPrettyString(), coordinator.logTail(60))
                .isEqualTo("SUCCEEDED");
    }

    private static void assertIdentical(String under, List<String> destinations) {
        for (String id : destinations) {
            Path copy = agents.get(id).volume("data").resolve(under).resolve("fanout");
            assertThat(TreeComparison.between(dataset, copy).ignoringRootMtime().differences())
                    .as("differences between %s and %s's copy", dataset, id)
                    .isEmpty();
        }
    }

    /** Bytes each agent has served to peers since it started, from its own counters. */
    private static Map<String, Long> served() {
        Map<String, Long> served = new TreeMap<>();
        agents.forEach((id, agent) -> served.put(id, agent.admin().served().bytes()));
        return served;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((id, bytes) -> delta.put(id, bytes - before.getOrDefault(id, 0L)));
        return delta;
    }

    private static void report(String mode, Map<String, Long> delta) {
        System.out.printf(
                "SwarmIT: %s, dataset F = %d bytes, bytes served per agent %s, source/F = %.2f%n",
                mode, datasetBytes, delta, delta.get("src") / (double) datasetBytes);
    }

    private static String plan(String name, boolean swarm, List<String> destinations) {
        String targets = destinations.stream()
                .map(d -> "        - { agent: " + d + ", volume: data, path: " + name + "/fanout }\n")
                .collect(Collectors.joining());
        return """
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata:
                  name: swarm-it-%s
                spec:
                  defaults: { verify: full, chunkSize: 256KiB, bandwidthLimit: 8MiB/s, retries: 2, swarm: %s }
                  datasets:
                    - name: fanout
                      source: { agent: src, volume: data, path: fanout }
                      destinations:
                """.formatted(name, swarm) + targets;
    }

    private static AgentProcess linkedAgent(String id, LocalMeshFixture mesh, Map<String, String> extra) {
        return AgentProcess.builder(id, mesh, workspace)
                .volume("data", workspace.dir("agents", id, "volume"))
                .property("agent.coordinator.address", coordinator.controlAddress())
                .properties(
                        AgentEnrollment.enroll(coordinator, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                .properties(extra)
                .build();
    }

    private static <T> T withLogs(java.util.function.Supplier<T> wait) {
        try {
            return wait.get();
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            logs.append("\n--- coordinator ---\n").append(coordinator.logTail(80));
            agents.values()
                    .forEach(agent -> logs.append("\n--- agent ")
                            .append(agent.id())
                            .append(" ---\n")
                            .append(agent.logTail(40)));
            throw new AssertionError(logs.toString(), e);
        }
    }
}
