package io.meshlift.coordinator.control;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentState;
import io.meshlift.coordinator.audit.FileRecordRepository;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.security.Roles;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.grant.GrantVerifier;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.AssignmentRefused;
import io.meshlift.proto.control.v1.Command;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.EntryDeleted;
import io.meshlift.proto.control.v1.FileVerified;
import io.meshlift.proto.control.v1.PeerRefusal;
import io.meshlift.proto.control.v1.Progress;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.TransferFinished;
import io.meshlift.proto.control.v1.Welcome;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The agent control channel over a real mTLS socket, with fake agents holding mesh certificates. */
@QuarkusTest
@TestSecurity(
        user = "operator-auditor",
        roles = {Roles.OPERATOR, Roles.AUDITOR})
@TestProfile(ControlChannelProfile.class)
class ControlChannelTest {

    private static final String SOURCE_DIGEST = "a".repeat(64);
    private static final String FILE_DIGEST = "b".repeat(64);
    private static final Duration HEARTBEAT = Duration.ofMillis(150);

    @Inject
    ControlServer server;

    @Inject
    AgentRepository agents;

    @Inject
    FileRecordRepository files;

    @ConfigProperty(name = "coordinator.tls.ca")
    Path ca;

    private FakeAgent connect(String certifiedAs) throws Exception {
        return FakeAgent.connect(ca, certifiedAs, server.port());
    }

    /** Registered, welcomed and heartbeating. */
    private FakeAgent online(String certifiedAs) throws Exception {
        FakeAgent agent = connect(certifiedAs).register();
        agent.next(CoordinatorMessage.BodyCase.WELCOME);
        return agent.heartbeatEvery(HEARTBEAT);
    }

    @Test
    void aRegisteredAgentIsWelcomedAndOnline() throws Exception {
        try (FakeAgent agent = connect("ctl-a").register()) {
            Welcome welcome = agent.next(CoordinatorMessage.BodyCase.WELCOME).getWelcome();

            assertThat(welcome.getHeartbeatIntervalMs()).isEqualTo(500);
            assertThat(welcome.getAcknowledgedReportId()).isZero();
            assertThat(welcome.getCoordinatorId()).isNotBlank();
            given().get("/api/v1/agents")
                    .then()
                    .body("find { it.id == 'ctl-a' }.state", equalTo("ONLINE"))
                    .body("find { it.id == 'ctl-a' }.volumes[0].name", equalTo("data"));
        }
    }

    @Test
    void aRegisterUnderAnotherIdentityIsRefused() throws Exception {
        try (FakeAgent agent = connect("ctl-a").register("ctl-b")) {
            Status status = agent.awaitClosed();

            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription()).contains("ctl-a").contains("ctl-b");
            assertThat(agents.findByIdOptional("ctl-b")).isEmpty();
        }
    }

    @Test
    void theFirstMessageMustBeARegister() throws Exception {
        try (FakeAgent agent = connect("ctl-b")) {
            agent.heartbeat();

            assertThat(agent.awaitClosed().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        }
    }

    @Test
    void anAgentThatMissesHeartbeatsGoesOffline() throws Exception {
        try (FakeAgent agent = connect("ctl-hb").register()) {
            agent.next(CoordinatorMessage.BodyCase.WELCOME);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/api/v1/agents")
                            .then()
                            .body("find { it.id == 'ctl-hb' }.state", equalTo(AgentState.OFFLINE.name())));
            assertThat(agent.awaitClosed().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aStartedJobIsAssignedToItsConnectedDestinationAndSucceedsOnMatchingDigests() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-ok")) {
            String jobId = startJob("ctl-ok", "ctl-dst-ok");

            Assignment assignment =
                    destination.next(CoordinatorMessage.BodyCase.ASSIGN).getAssign();
            assertThat(assignment.getJobId()).isEqualTo(jobId);
            assertThat(assignment.getDataset()).isEqualTo("billing-backups");
            assertThat(assignment.getPass()).isEqualTo(1);
            assertThat(assignment.getSource().getAgentId()).isEqualTo("ctl-src");
            assertThat(assignment.getSource().getHost()).isEqualTo("127.0.0.1");
            assertThat(assignment.getSource().getPort()).isEqualTo(17000);
            assertThat(assignment.getSource().getPath()).isEqualTo("backups/billing");
            assertThat(assignment.getDestinationVolume()).isEqualTo("data");
            assertThat(assignment.getDestinationPath()).isEqualTo("backups/billing");
            assertThat(assignment.getChunkSize()).isEqualTo(1024 * 1024);
            assertThat(assignment.getVerify()).isEqualTo("full");
            assertThat(assignment.getExcludeList()).containsExactly("*.tmp");
            assertThat(assignment.getBandwidthLimit()).isEqualTo(100L * 1024 * 1024);
            String id = assignment.getAssignmentId();

            destination.report(progress(1, id, 1, 2, 10, 20));
            assertThat(ack(destination)).isEqualTo(1);
            given().get("/api/v1/jobs/" + jobId)
                    .then()
                    .body("transfers[0].state", equalTo("RUNNING"))
                    .body("transfers[0].bytesDone", equalTo(10))
                    .body("progress.bytesTotal", equalTo(20));
            destination.report(file(2, id, "a.bin"));
            assertThat(ack(destination)).isEqualTo(2);
            destination.report(file(3, id, "b.bin"));
            assertThat(ack(destination)).isEqualTo(3);
            destination.report(finished(4, id, SOURCE_DIGEST, SOURCE_DIGEST));
            assertThat(ack(destination)).isEqualTo(4);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/api/v1/jobs/" + jobId)
                            .then()
                            .body("state", equalTo("SUCCEEDED"))
                            .body("transfers[0].state", equalTo("SUCCEEDED"))
                            .body("transfers[0].destinationDigest", equalTo(SOURCE_DIGEST)));
            given().get("/api/v1/audit/ledger/verify?jobId=" + jobId)
                    .then()
                    .body("valid", equalTo(true))
                    .body("records", equalTo(4)); // 2 files, the transfer, the job
        }
    }

    @Test
    void aReplayedReportIsAppliedOnce() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-replay")) {
            String jobId = startJob("ctl-replay", "ctl-dst-replay");
            String id = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            UUID transferId = UUID.fromString(id.substring(0, id.indexOf('/')));

            destination.report(file(1, id, "once.bin"));
            destination.report(file(1, id, "once.bin"));
            assertThat(ack(destination)).isEqualTo(1);
            assertThat(ack(destination)).isEqualTo(1);

            assertThat(files.count("transferId", transferId)).isEqualTo(1);
            given().get("/api/v1/audit/ledger/verify?jobId=" + jobId).then().body("records", equalTo(1));
        }
        // After a reconnect the Welcome says what was stored, so the agent replays only the rest.
        try (FakeAgent again = connect("ctl-dst-replay").register()) {
            assertThat(again.next(CoordinatorMessage.BodyCase.WELCOME)
                            .getWelcome()
                            .getAcknowledgedReportId())
                    .isEqualTo(1);
        }
    }

    @Test
    void aDigestMismatchIsRetriedAndFailsTheJobWhenRetriesRunOut() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-bad")) {
            String jobId = startJob("ctl-bad", "ctl-dst-bad");

            String first = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            destination.report(finished(1, first, SOURCE_DIGEST, FILE_DIGEST));
            // The plan allows one retry: a second attempt under a new assignment id.
            String second = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            assertThat(second).isNotEqualTo(first).endsWith("/2");
            destination.report(finished(2, second, SOURCE_DIGEST, FILE_DIGEST));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/api/v1/jobs/" + jobId)
                            .then()
                            .body("state", equalTo("FAILED"))
                            .body("transfers[0].state", equalTo("FAILED"))
                            .body("transfers[0].attempts", equalTo(2))
                            .body("transfers[0].failures", equalTo(2))
                            .body("transfers[0].lastError", org.hamcrest.Matchers.containsString("does not match")));
        }
    }

    @Test
    void aRefusedAssignmentGoesBackToPendingAndIsSentAgainWithoutCountingAsAFailure() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-refuse")) {
            String jobId = startJob("ctl-refuse", "ctl-dst-refuse");
            String first = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();

            destination.report(Report.newBuilder()
                    .setReportId(1)
                    .setAssignmentId(first)
                    .setRefused(AssignmentRefused.newBuilder().setReason("volume data is full"))
                    .build());
            assertThat(ack(destination)).isEqualTo(1);

            String second = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            assertThat(second).isNotEqualTo(first).endsWith("/2");
            given().get("/api/v1/jobs/" + jobId)
                    .then()
                    .body("state", equalTo("RUNNING"))
                    .body("transfers[0].state", equalTo("ASSIGNED"))
                    .body("transfers[0].failures", equalTo(0))
                    .body("transfers[0].lastError", org.hamcrest.Matchers.containsString("volume data is full"));
        }
    }

    @Test
    void aPausedJobTellsItsAgentToPause() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-pause")) {
            String jobId = startJob("ctl-pause", "ctl-dst-pause");
            String id = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();

            given().post("/api/v1/jobs/" + jobId + "/pause").then().statusCode(200);
            Command pause =
                    destination.next(CoordinatorMessage.BodyCase.COMMAND).getCommand();
            assertThat(pause.getKind()).isEqualTo(Command.Kind.KIND_PAUSE);
            assertThat(pause.getAssignmentId()).isEqualTo(id);

            given().post("/api/v1/jobs/" + jobId + "/resume").then().statusCode(200);
            Command resume =
                    destination.next(CoordinatorMessage.BodyCase.COMMAND).getCommand();
            assertThat(resume.getKind()).isEqualTo(Command.Kind.KIND_RESUME);
            // The same assignment again: the agent carries on with it rather than starting over.
            assertThat(destination
                            .next(CoordinatorMessage.BodyCase.ASSIGN)
                            .getAssign()
                            .getAssignmentId())
                    .isEqualTo(id);

            given().post("/api/v1/jobs/" + jobId + "/cancel").then().statusCode(200);
            Command cancel =
                    destination.next(CoordinatorMessage.BodyCase.COMMAND).getCommand();
            assertThat(cancel.getKind()).isEqualTo(Command.Kind.KIND_CANCEL);
        }
    }

    @Test
    void deletionsUnderDeleteExtraneousAreSentAndRecordedInTheLedger() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-dst-delete")) {
            String planYaml = PlanFixtures.plan("ctl-delete", "ctl-src", "ctl-dst-delete")
                    .replace("retries: 1 }", "retries: 1, deleteExtraneous: true }");
            String jobId = startJob(planYaml);
            Assignment assignment =
                    destination.next(CoordinatorMessage.BodyCase.ASSIGN).getAssign();
            assertThat(assignment.getDeleteExtraneous()).isTrue();

            destination.report(Report.newBuilder()
                    .setReportId(1)
                    .setAssignmentId(assignment.getAssignmentId())
                    .setDeleted(EntryDeleted.newBuilder()
                            .setPath("old/report.pdf")
                            .setType("FILE")
                            .setSize(42)
                            .setDeletedAtEpochMs(1_700_000_000_000L))
                    .build());
            assertThat(ack(destination)).isEqualTo(1);

            String ledger = given().get("/api/v1/audit/ledger/export?jobId=" + jobId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            JsonPath record = ledger.lines()
                    .map(JsonPath::from)
                    .filter(line -> line.getString("kind").equals("FILE_DELETED"))
                    .findFirst()
                    .orElseThrow();
            JsonPath payload = JsonPath.from(record.getString("payload"));
            assertThat(payload.getString("path")).isEqualTo("old/report.pdf");
            assertThat(payload.getString("type")).isEqualTo("FILE");
            assertThat(payload.getLong("size")).isEqualTo(42);
            assertThat(payload.getString("deletedBy")).isEqualTo("ctl-dst-delete");
            assertThat(payload.getInt("pass")).isEqualTo(1);
        }
    }

    @Test
    void theWelcomeCarriesTheGrantKeyAndEachAssignmentAGrantItVerifies() throws Exception {
        try (FakeAgent source = connect("ctl-src").register();
                FakeAgent destination = online("ctl-dst-grant")) {
            Welcome welcome = source.next(CoordinatorMessage.BodyCase.WELCOME).getWelcome();
            source.heartbeatEvery(HEARTBEAT);
            String jobId = startJob("ctl-grant", "ctl-dst-grant");

            Assignment assignment =
                    destination.next(CoordinatorMessage.BodyCase.ASSIGN).getAssign();
            GrantVerifier verifier = new GrantVerifier(
                    GrantKeys.publicKey(welcome.getGrantPublicKey().toByteArray()),
                    AgentId.of("ctl-src"),
                    Clock.systemUTC(),
                    GrantVerifier.DEFAULT_CLOCK_SKEW);
            byte[] grant = assignment.getGrant().toByteArray();
            PeerGrant verified = verifier.verify(
                    grant,
                    AgentId.of("ctl-dst-grant"),
                    assignment.getSource().getVolume(),
                    RelativePath.parse(assignment.getSource().getPath()));

            assertThat(verifier.keyId()).isEqualTo(welcome.getGrantKeyId());
            assertThat(verified.jobId()).isEqualTo(jobId);
            assertThat(verified.assignmentId()).isEqualTo(assignment.getAssignmentId());
            assertThat(verified.dataset()).isEqualTo("billing-backups");
            assertThat(Duration.between(verified.issuedAt(), verified.expiresAt()))
                    .isEqualTo(Duration.ofHours(1));
            assertThatThrownBy(() -> verifier.verify(grant, AgentId.of("ctl-dst-ok")))
                    .isInstanceOf(GrantRefusedException.class)
                    .hasMessageContaining("ctl-dst-grant");
            assertThatThrownBy(() -> verifier.verify(
                            grant,
                            AgentId.of("ctl-dst-grant"),
                            assignment.getSource().getVolume(),
                            RelativePath.parse("backups/billing2")))
                    .isInstanceOf(GrantRefusedException.class);
            given().post("/api/v1/jobs/" + jobId + "/cancel").then().statusCode(200);
        }
    }

    @Test
    void aSourcesPeerRefusalIsAppendedToTheAuditLedgerOnce() throws Exception {
        try (FakeAgent source = online("ctl-src-refusing")) {
            // A job of its own (its assignment to this fake agent is ignored): the ledger holds only the refusal.
            String jobId = startJob("ctl-refusal", "ctl-src-refusing");
            Report refusal = Report.newBuilder()
                    .setReportId(1)
                    .setPeerRefused(PeerRefusal.newBuilder()
                            .setRequesterAgent("mallory")
                            .setMethod("FetchChunks")
                            .setVolume("data")
                            .setPath("secrets/keys.txt")
                            .setReason("OUTSIDE_GRANT")
                            .setMessage("the grant covers data:public, not data:secrets/keys.txt")
                            .setJobId(jobId)
                            .setRefusedAtEpochMs(1_700_000_000_000L))
                    .build();

            source.report(refusal);
            assertThat(ack(source)).isEqualTo(1);
            source.report(refusal); // replayed after a reconnect
            assertThat(ack(source)).isEqualTo(1);

            given().get("/api/v1/audit/ledger/verify?jobId=" + jobId)
                    .then()
                    .body("valid", equalTo(true))
                    .body("records", equalTo(1));
            String export = given().get("/api/v1/audit/ledger/export?jobId=" + jobId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(export)
                    .contains("PEER_REFUSED")
                    .contains("mallory")
                    .contains("OUTSIDE_GRANT")
                    .contains("ctl-src-refusing");
            given().post("/api/v1/jobs/" + jobId + "/cancel").then().statusCode(200);
        }
    }

    private static String startJob(String planName, String destination) {
        return startJob(PlanFixtures.plan(planName, "ctl-src", destination));
    }

    private static String startJob(String planYaml) {
        String planId = given().contentType("application/yaml")
                .body(bytes(planYaml))
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId))
                .post("/api/v1/jobs")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static long ack(FakeAgent agent) throws InterruptedException {
        return agent.next(CoordinatorMessage.BodyCase.REPORT_ACK).getReportAck().getUpToReportId();
    }

    private static Report progress(
            long reportId, String assignment, long filesDone, long filesTotal, long bytesDone, long bytesTotal) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setProgress(Progress.newBuilder()
                        .setFilesDone(filesDone)
                        .setFilesTotal(filesTotal)
                        .setBytesDone(bytesDone)
                        .setBytesTotal(bytesTotal))
                .build();
    }

    private static Report file(long reportId, String assignment, String path) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setFile(FileVerified.newBuilder()
                        .setPath(path)
                        .setSize(10)
                        .setSourceSha256(FILE_DIGEST)
                        .setDestinationSha256(FILE_DIGEST)
                        .setOutcome("COPIED")
                        .setVerifiedAtEpochMs(1_700_000_000_000L))
                .build();
    }

    private static Report finished(long reportId, String assignment, String sourceDigest, String destinationDigest) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setFinished(TransferFinished.newBuilder()
                        .setState("SUCCEEDED")
                        .setSourceDatasetDigest(sourceDigest)
                        .setDestinationDatasetDigest(destinationDigest))
                .build();
    }
}
