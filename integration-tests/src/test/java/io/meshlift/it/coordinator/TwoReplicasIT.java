package io.meshlift.it.coordinator;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

import io.meshlift.it.dataset.DatasetFixtures;
import io.meshlift.it.dataset.TreeComparison;
import io.meshlift.it.dataset.TreeEntry;
import io.meshlift.it.dataset.TreeSnapshot;
import io.meshlift.it.harness.AgentEnrollment;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.PostgresServer;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two coordinator replicas share one real PostgreSQL; three agents hold their control streams on one or
 * the other (a1 and a3 on replica A, a2 on replica B, each listing the other replica to fail over to).
 * Plans are applied and jobs started through replica A's REST API, progress is read from replica B's.
 *
 * <p>The first job runs with both replicas up: transfers to a2 are assigned by B, those to a3 by A, and
 * both append verified files to the one audit ledger at the same time. The second job loses replica A
 * to SIGKILL while a3 pulls; a1 and a3 reconnect to B, A's leases expire, and B finishes the job. For
 * both jobs the test checks, against the database and the disks as well as the API: every transfer was
 * sent once per attempt by one replica, every file has one audit record per destination, the ledger is
 * one unbroken chain, and the destination trees re-hash to their sources.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TwoReplicasIT {

    private static final Duration ONLINE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
    /** Short leases, so that replica B takes over a dead replica's transfers within seconds. */
    private static final String LEASE = "15s";

    private static Workspace workspace;
    private static PostgresServer postgres;
    private static CoordinatorProcess replicaA;
    private static CoordinatorProcess replicaB;
    private static CoordinatorApi apiA;
    private static CoordinatorApi apiB;
    private static final Map<String, AgentProcess> agents = new LinkedHashMap<>();

    private static JsonNode firstJob;
    private static JsonNode secondJob;

    @BeforeAll
    static void startReplicasAndAgents() throws IOException {
        workspace = Workspace.forClass(TwoReplicasIT.class);
        LocalMeshFixture mesh =
                LocalMeshFixture.create(workspace.dir("mesh"), "a1", "a2", "a3", CoordinatorProcess.IDENTITY);
        postgres = PostgresServer.start();
        // Replicas of one installation sign peer grants with one key: a source trusts the key its own
        // replica announced, and the grant may come from the other replica.
        Path grantKey = workspace.dir("coordinators").resolve("grant-signing-key.pem");
        replicaA = replica("replica-a", mesh, grantKey);
        replicaB = replica("replica-b", mesh, grantKey);
        apiA = new CoordinatorApi(replicaA);
        apiB = new CoordinatorApi(replicaB);

        agents.put("a1", agent("a1", mesh, replicaA, replicaB));
        agents.put("a2", agent("a2", mesh, replicaB, replicaA));
        agents.put("a3", agent("a3", mesh, replicaA, replicaB));
        seed("a1", "ds-one", 11L);
        seed("a2", "ds-two", 22L);
        seed("a1", "ds-three", 33L);
        nameCopies();

        agents.values().forEach(AgentProcess::launch);
        agents.values().forEach(AgentProcess::awaitReady);
        awaitOnline(apiB, Set.of("a1", "a2", "a3"));
        waitWithLogs(() -> await("a1 and a3 connected to replica A, a2 to replica B")
                .atMost(ONLINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "replica-a"
                                .equals(ReplicaLog.connectedTo(agents.get("a1").logFile()))
                        && "replica-a"
                                .equals(ReplicaLog.connectedTo(agents.get("a3").logFile()))
                        && "replica-b"
                                .equals(ReplicaLog.connectedTo(agents.get("a2").logFile()))));
    }

    @AfterAll
    static void stopEverything() {
        agents.values().forEach(AgentProcess::close);
        for (AutoCloseable closeable : new AutoCloseable[] {replicaA, replicaB, postgres, workspace}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.out.println("TwoReplicasIT: closing " + closeable + " failed: " + e);
            }
        }
    }

    @Test
    @Order(1)
    void aJobStartedOnReplicaAAndWatchedOnReplicaBSucceeds() {
        String jobId = startJob(PLAN_ONE);
        firstJob = awaitEnd(jobId);
        assertSucceeded(firstJob, COPIES_ONE.keySet());
    }

    @Test
    @Order(2)
    void bothReplicasAssignedAndEachTransferWasSentOncePerAttempt() throws Exception {
        String jobId = requireJob(firstJob);
        Map<String, List<ReplicaLog.Sent>> sentBy = sentByReplica(jobId);
        assertThat(sentBy.get("replica-a"))
                .as("replica A holds a3's stream, so it assigns a3's transfers")
                .isNotEmpty()
                .allSatisfy(sent -> assertThat(sent.agent()).isEqualTo("a3"));
        assertThat(sentBy.get("replica-b"))
                .as("replica B holds a2's stream, so it assigns a2's transfers")
                .isNotEmpty()
                .allSatisfy(sent -> assertThat(sent.agent()).isEqualTo("a2"));
        assertEachAttemptSentOnce(jobId, sentBy, false);
    }

    @Test
    @Order(3)
    void everyFileHasOneAuditRecordPerDestinationAndTheDisksAgree() throws Exception {
        String jobId = requireJob(firstJob);
        assertAuditedOnceAndCopiedExactly(jobId, COPIES_ONE);
    }

    @Test
    @Order(4)
    void theLedgerIsOneUnbrokenChainThatBothReplicasAppendedTo() throws Exception {
        assertLedgerIsOneChain();
        JsonNode job = apiA.verifyLedger(requireJob(firstJob));
        assertThat(job.path("valid").asBoolean()).as(job.toString()).isTrue();
    }

    @Test
    @Order(5)
    void aJobSurvivesTheLossOfReplicaAAndCompletesThroughReplicaB() throws Exception {
        String jobId = startJob(PLAN_TWO);
        // a3 (on replica A) is pulling the large file when A dies.
        Path part = agents.get("a3").volume("data").resolve("copies/ds-three/large/.big.bin.meshlift-part");
        waitWithLogs(() -> await("a3 in the middle of " + part)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> java.nio.file.Files.exists(part)));
        replicaA.kill9();
        System.out.println("TwoReplicasIT: replica A killed during job " + jobId);

        secondJob = awaitEnd(jobId);
        assertSucceeded(secondJob, COPIES_TWO.keySet());
        assertThat(List.of("a1", "a2", "a3"))
                .as("agents connected to replica B at the end")
                .allSatisfy(
                        id -> assertThat(ReplicaLog.connectedTo(agents.get(id).logFile()))
                                .as(id)
                                .isEqualTo("replica-b"));

        Map<String, List<ReplicaLog.Sent>> sentBy = sentByReplica(jobId);
        assertEachAttemptSentOnce(jobId, sentBy, true);
        assertAuditedOnceAndCopiedExactly(jobId, COPIES_TWO);
        assertLedgerIsOneChain();
    }

    // --- checks ---------------------------------------------------------------------------------------

    private static void assertSucceeded(JsonNode job, Set<String> destinations) {
        System.out.printf(
                "TwoReplicasIT: job %s ended %s: %s%n",
                job.path("id").asText(), job.path("state").asText(), job.path("transfers"));
        assertThat(job.path("state").asText())
                .as("job %s%n--- replica A ---%n%s%n--- replica B ---%n%s", job, tail(replicaA), tail(replicaB))
                .isEqualTo("SUCCEEDED");
        Map<String, JsonNode> transfers = new TreeMap<>();
        job.path("transfers").forEach(t -> transfers.put(t.path("destination").asText(), t));
        assertThat(transfers).containsOnlyKeys(destinations);
        transfers.forEach((destination, transfer) -> {
            assertThat(transfer.path("state").asText()).as(destination).isEqualTo("SUCCEEDED");
            assertThat(transfer.path("destinationDigest").asText())
                    .as(destination)
                    .hasSize(64)
                    .isEqualTo(transfer.path("sourceDigest").asText());
        });
    }

    /**
     * Each transfer was assigned once: one assignment id (attempt 1), first sent exactly once by one
     * replica, and {@code transfers.attempts} is 1. A second attempt would mean the transfer was assigned
     * again while its first assignment still ran. Re-sends of the same id ("again") are the lease
     * take-over and only allowed when a replica died.
     */
    private static void assertEachAttemptSentOnce(
            String jobId, Map<String, List<ReplicaLog.Sent>> sentBy, boolean takeOverExpected) throws SQLException {
        Map<String, Integer> firstSends = new HashMap<>();
        List<ReplicaLog.Sent> again = new ArrayList<>();
        sentBy.values().stream().flatMap(List::stream).forEach(sent -> {
            if (sent.again()) {
                again.add(sent);
            } else {
                firstSends.merge(sent.assignmentId(), 1, Integer::sum);
            }
        });
        assertThat(firstSends)
                .as("first sends per assignment id, both replicas")
                .isNotEmpty();
        assertThat(firstSends.values())
                .as("times each assignment id was first sent")
                .containsOnly(1);
        if (!takeOverExpected) {
            assertThat(again).as("assignments re-sent while both replicas ran").isEmpty();
        }
        Map<String, Integer> attempts = new TreeMap<>();
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT id, attempts, state, lease_owner FROM transfers WHERE job_id = ?")) {
            query.setObject(1, UUID.fromString(jobId));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String transfer = rows.getString("id");
                    attempts.put(transfer, rows.getInt("attempts"));
                    assertThat(rows.getString("state")).as(transfer).isEqualTo("SUCCEEDED");
                    assertThat(rows.getString("lease_owner"))
                            .as("lease of " + transfer)
                            .isNull();
                }
            }
        }
        Map<String, Integer> idsPerTransfer = new TreeMap<>();
        firstSends.keySet().forEach(id -> idsPerTransfer.merge(id.substring(0, id.indexOf('/')), 1, Integer::sum));
        assertThat(idsPerTransfer)
                .as("distinct assignment ids sent per transfer, against transfers.attempts")
                .isEqualTo(attempts);
        assertThat(attempts.values()).as("attempts per transfer").containsOnly(1);
    }

    /**
     * One FILE_VERIFIED ledger record and one file_records row per file and destination, with digests equal
     * to the test's own hash of source and destination, and destination trees identical to their sources.
     */
    private static void assertAuditedOnceAndCopiedExactly(String jobId, Map<String, Copy> copies)
            throws IOException, SQLException {
        Map<String, Map<String, JsonNode>> audited = new HashMap<>();
        for (JsonNode record : apiB.exportLedger(jobId)) {
            // The job's chain segment interleaves other jobs' records, exported without their payload.
            if (!"FILE_VERIFIED".equals(record.path("kind").asText())
                    || !jobId.equals(record.path("jobId").asText())) {
                continue;
            }
            JsonNode file = CoordinatorApi.payload(record);
            JsonNode previous = audited.computeIfAbsent(file.path("destination").asText(), d -> new TreeMap<>())
                    .put(file.path("path").asText(), file);
            assertThat(previous).as("second FILE_VERIFIED record for %s", file).isNull();
        }
        assertThat(audited).containsOnlyKeys(copies.keySet());
        Map<String, Long> rowsPerDestination = fileRecordRows(jobId);
        for (var copy : copies.entrySet()) {
            Map<String, String> source = fileDigests(copy.getValue().source());
            Map<String, String> destination = fileDigests(copy.getValue().destination());
            Map<String, String> auditedDigests = new TreeMap<>();
            audited.get(copy.getKey()).forEach((path, file) -> {
                assertThat(file.path("sourceSha256").asText())
                        .as("%s %s: audited source digest", copy.getKey(), path)
                        .isEqualTo(source.get(path));
                auditedDigests.put(path, file.path("destinationSha256").asText());
            });
            assertThat(auditedDigests)
                    .as("audited destination digests of %s, against the test's re-hash", copy.getKey())
                    .isEqualTo(destination)
                    .isEqualTo(source);
            assertThat(rowsPerDestination.get(copy.getKey()))
                    .as("file_records rows of %s", copy.getKey())
                    .isEqualTo(source.size());
            assertThat(TreeComparison.between(
                                    copy.getValue().source(), copy.getValue().destination())
                            .ignoringRootMtime()
                            .differences())
                    .as("differences between %s and its source", copy.getKey())
                    .isEmpty();
        }
    }

    /** Destination ({@code agent:volume:path}) -> rows in file_records for the job, from the database. */
    private static Map<String, Long> fileRecordRows(String jobId) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection db = postgres.connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT t.destination_agent || ':' || t.destination_volume || ':' || t.destination_path,"
                                + " count(*) FROM file_records f JOIN transfers t ON t.id = f.transfer_id"
                                + " WHERE t.job_id = ? GROUP BY 1")) {
            query.setObject(1, UUID.fromString(jobId));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    /**
     * The whole ledger verifies through the API, and in the table itself the records are numbered 1..head
     * without a gap or a second record of any number, each committing to the one before: one chain, never
     * two branches written by two replicas from the same head.
     */
    private static void assertLedgerIsOneChain() throws SQLException {
        CoordinatorApi live = replicaA.isAlive() ? apiA : apiB;
        JsonNode all = live.verifyLedger();
        assertThat(all.path("valid").asBoolean()).as(all.toString()).isTrue();
        try (Connection db = postgres.connect()) {
            // One snapshot for the head and the records: the other replica may be appending meanwhile.
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long head;
            try (PreparedStatement query = db.prepareStatement("SELECT seq FROM ledger_head");
                    ResultSet row = query.executeQuery()) {
                row.next();
                head = row.getLong(1);
            }
            assertLinked(db, head);
            db.rollback();
            assertThat(head)
                    .as("records in the ledger")
                    .isGreaterThanOrEqualTo(all.path("records").asLong());
        }
    }

    private static void assertLinked(Connection db, long head) throws SQLException {
        try (PreparedStatement query =
                        db.prepareStatement("SELECT seq, prev_hash, hash FROM audit_ledger ORDER BY seq");
                ResultSet rows = query.executeQuery()) {
            long expectedSeq = 1;
            String previousHash = null;
            while (rows.next()) {
                assertThat(rows.getLong("seq")).isEqualTo(expectedSeq);
                if (previousHash != null) {
                    assertThat(rows.getString("prev_hash"))
                            .as("record %d commits to record %d", expectedSeq, expectedSeq - 1)
                            .isEqualTo(previousHash);
                }
                previousHash = rows.getString("hash");
                expectedSeq++;
            }
            assertThat(expectedSeq - 1)
                    .as("records up to the head")
                    .isEqualTo(head)
                    .isGreaterThan(0);
        }
    }

    // --- set-up helpers ----------------------------------------------------------------------------

    private static CoordinatorProcess replica(String name, LocalMeshFixture mesh, Path grantKey) {
        return CoordinatorProcess.builder(mesh, workspace)
                .name(name)
                .postgres(postgres)
                .property("coordinator.replica-id", name)
                .property("coordinator.grants.key-file", grantKey.toString())
                .property("coordinator.jobs.lease-duration", LEASE)
                .start();
    }

    /** An agent enrolled through replica A, dialling {@code first} and failing over to {@code second}. */
    private static AgentProcess agent(
            String id, LocalMeshFixture mesh, CoordinatorProcess first, CoordinatorProcess second) {
        return AgentProcess.builder(id, mesh, workspace)
                .volume("data", workspace.dir("agents", id, "volume"))
                .property("agent.coordinator.address", first.controlAddress() + "," + second.controlAddress())
                .property("agent.coordinator.reconnect-max-backoff", "2s")
                // Waits three times this for a Welcome: replicas starting cold on a busy machine are slow.
                .property("agent.coordinator.heartbeat-interval", "20s")
                .properties(
                        AgentEnrollment.enroll(replicaA, mesh.agent(id), workspace.dir("agents", id, "credentials")))
                .build();
    }

    /** 200 small files (0 to 8 KiB) over 10 directories and one 24 MiB file under {@code large/}. */
    private static void seed(String agent, String dataset, long seed) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            files.put(String.format("d%02d/f%04d.dat", i % 10, i), random.nextInt(8193));
        }
        files.put("large/big.bin", 24 * DatasetFixtures.MIB);
        new DatasetFixtures(seed + 1).small(agents.get(agent).volume("data").resolve(dataset), files);
    }

    private static String startJob(String plan) {
        String planId = apiA.createPlan(plan).path("id").asText();
        return apiA.startJob(planId).path("id").asText();
    }

    /** Polls replica B, which stays up throughout, until the job ends. */
    private static JsonNode awaitEnd(String jobId) {
        return withLogs(() -> await("job " + jobId + " to end, watched on replica B")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> apiB.job(jobId),
                        job -> Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                                .contains(job.path("state").asText())));
    }

    private static void awaitOnline(CoordinatorApi api, Set<String> ids) {
        waitWithLogs(() -> await("agents " + ids + " ONLINE")
                .atMost(ONLINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.agents().stream()
                        .filter(agent -> "ONLINE".equals(agent.path("state").asText()))
                        .map(agent -> agent.path("id").asText())
                        .collect(Collectors.toSet())
                        .containsAll(ids)));
    }

    private static Map<String, List<ReplicaLog.Sent>> sentByReplica(String jobId) {
        return Map.of(
                "replica-a", ReplicaLog.sent(replicaA.logFile(), jobId),
                "replica-b", ReplicaLog.sent(replicaB.logFile(), jobId));
    }

    private static String requireJob(JsonNode job) {
        assertThat(job).as("the job of the previous test").isNotNull();
        return job.path("id").asText();
    }

    private static void waitWithLogs(Runnable wait) {
        withLogs(() -> {
            wait.run();
            return null;
        });
    }

    /** Runs a wait; a timeout fails with both replicas' and the agents' last log lines. */
    private static <T> T withLogs(Supplier<T> wait) {
        try {
            return wait.get();
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            logs.append("\n--- replica A ---\n").append(tail(replicaA));
            logs.append("\n--- replica B ---\n").append(tail(replicaB));
            agents.values()
                    .forEach(agent -> logs.append("\n--- agent ")
                            .append(agent.id())
                            .append(" ---\n")
                            .append(agent.logTail(30)));
            throw new AssertionError(logs.toString(), e);
        }
    }

    private static String tail(CoordinatorProcess replica) {
        return replica == null ? "(not started)" : replica.logTail(40);
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

    private record Copy(Path source, Path destination) {}

    private static Copy copy(String sourceAgent, String dataset, String destinationAgent) {
        return new Copy(
                agents.get(sourceAgent).volume("data").resolve(dataset),
                agents.get(destinationAgent).volume("data").resolve("copies/" + dataset));
    }

    /** Destination ({@code agent:volume:path}, as the audit names it) -> source and destination tree. */
    private static final Map<String, Copy> COPIES_ONE = new LinkedHashMap<>();

    private static final Map<String, Copy> COPIES_TWO = new LinkedHashMap<>();

    private static void nameCopies() {
        COPIES_ONE.put("a2:data:copies/ds-one", copy("a1", "ds-one", "a2"));
        COPIES_ONE.put("a3:data:copies/ds-one", copy("a1", "ds-one", "a3"));
        COPIES_ONE.put("a3:data:copies/ds-two", copy("a2", "ds-two", "a3"));
        COPIES_TWO.put("a2:data:copies/ds-three", copy("a1", "ds-three", "a2"));
        COPIES_TWO.put("a3:data:copies/ds-three", copy("a1", "ds-three", "a3"));
    }

    /** ds-one from a1 to a2 (on replica B) and a3 (on replica A); ds-two from a2 to a3. */
    private static final String PLAN_ONE = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: two-replicas-one
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

    /** ds-three from a1 to a2 and a3, slowed so that replica A can die while a3 pulls it. */
    private static final String PLAN_TWO = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata:
              name: two-replicas-two
            spec:
              defaults: { verify: full, chunkSize: 1MiB, bandwidthLimit: 6MiB/s, retries: 5 }
              datasets:
                - name: ds-three
                  source: { agent: a1, volume: data, path: ds-three }
                  destinations:
                    - { agent: a2, volume: data, path: copies/ds-three }
                    - { agent: a3, volume: data, path: copies/ds-three }
            """;
}
