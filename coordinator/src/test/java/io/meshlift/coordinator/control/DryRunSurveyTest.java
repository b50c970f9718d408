package io.meshlift.coordinator.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.security.Roles;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.Progress;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.SurveyRequest;
import io.meshlift.proto.control.v1.SurveyResult;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Dry runs that ask a source agent, connected over a real mTLS control stream, to count its dataset: the
 * REST call waits for the agent's answer, within {@code coordinator.jobs.dry-run-timeout} (3 s here).
 */
@QuarkusTest
@TestSecurity(user = "operator", roles = Roles.OPERATOR)
@TestProfile(ControlChannelProfile.class)
class DryRunSurveyTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(150);
    private static final long MIB = 1024 * 1024;

    @Inject
    ControlServer server;

    @ConfigProperty(name = "coordinator.tls.ca")
    Path ca;

    private FakeAgent online(String id) throws Exception {
        FakeAgent agent = FakeAgent.connect(ca, id, server.port()).register();
        agent.next(CoordinatorMessage.BodyCase.WELCOME);
        return agent.heartbeatEvery(HEARTBEAT);
    }

    private static String plan(String yaml) {
        return given().contentType("application/yaml")
                .body(bytes(yaml))
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Sends the dry run without waiting: the coordinator answers only once the agent did. */
    private static CompletableFuture<ValidatableResponse> dryRun(String planId) {
        return CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId, "dryRun", true))
                .post("/api/v1/jobs")
                .then());
    }

    private static void answer(FakeAgent agent, SurveyRequest request, long files, long bytes) {
        agent.send(AgentMessage.newBuilder()
                .setSurveyResult(SurveyResult.newBuilder()
                        .setSurveyId(request.getSurveyId())
                        .setFiles(files)
                        .setBytes(bytes)
                        .setDirectories(2)
                        .setElapsedMs(5))
                .build());
    }

    private static String noLimitPlan(String name, String source, String destination) {
        return """
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata: { name: %s }
                spec:
                  defaults: { concurrency: 7 }
                  datasets:
                    - name: photos
                      source: { agent: %s, volume: data, path: photos }
                      destinations:
                        - { agent: %s, volume: data, path: photos }
                """.formatted(name, source, destination);
    }

    @Test
    void countsFromTheSourceAgentPerTransferAndInTotalWithAnEstimateFromTheBandwidthLimit() throws Exception {
        try (FakeAgent source = online("dr-src");
                FakeAgent first = online("dr-dst-1");
                FakeAgent second = online("dr-dst-2")) {
            String planId = plan(PlanFixtures.plan("dr-limit", "dr-src", "dr-dst-1", "dr-dst-2"));

            CompletableFuture<ValidatableResponse> response = dryRun(planId);
            SurveyRequest request =
                    source.next(CoordinatorMessage.BodyCase.SURVEY).getSurvey();
            assertThat(request.getVolume()).isEqualTo("data");
            assertThat(request.getPath()).isEqualTo("backups/billing");
            assertThat(request.getExcludeList()).containsExactly("*.tmp");
            answer(source, request, 12, 250 * MIB);

            response.get(30, TimeUnit.SECONDS)
                    .statusCode(200)
                    .body("dryRun", equalTo(true))
                    .body("ready", equalTo(true))
                    .body("transfers", hasSize(2))
                    .body("transfers[0].destination", equalTo("dr-dst-1:data:backups/billing"))
                    .body("transfers[0].files", equalTo(12))
                    .body("transfers[0].bytes", equalTo((int) (250 * MIB)))
                    .body("transfers[0].directories", equalTo(2))
                    .body("transfers[0].estimatedSeconds", equalTo(3)) // 250 MiB at 100 MiB/s, rounded up
                    .body("transfers[0].estimateBasis", equalTo("bandwidth-limit"))
                    .body("transfers[1].files", equalTo(12))
                    .body("totals.transfers", equalTo(2))
                    .body("totals.files", equalTo(24))
                    .body("totals.bytes", equalTo((int) (500 * MIB)))
                    .body("totals.estimatedSeconds", equalTo(6))
                    .body("note", containsString("counted by each source agent"));
            // Nothing was stored: the plan still has no job.
            given().get("/api/v1/jobs").then().body("findAll { it.planId == '" + planId + "' }", hasSize(0));
        }
    }

    @Test
    void estimatesFromTheRateMeasuredBetweenTheSameAgentsWhenThePlanSetsNoLimit() throws Exception {
        try (FakeAgent source = online("dr-rate-src");
                FakeAgent destination = online("dr-rate-dst")) {
            // A real job between the two agents first, so that a rate is measured from its progress reports.
            String planId = plan(noLimitPlan("dr-rate", "dr-rate-src", "dr-rate-dst"));
            String jobId = given().contentType(ContentType.JSON)
                    .body(Map.of("planId", planId))
                    .post("/api/v1/jobs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            Assignment assignment =
                    destination.next(CoordinatorMessage.BodyCase.ASSIGN).getAssign();
            assertThat(assignment.getConcurrency()).isEqualTo(7); // the plan's concurrency reaches the agent
            // A rate needs two reports some time apart: report growing progress until one is measured.
            AtomicLong reportId = new AtomicLong();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        long id = reportId.incrementAndGet();
                        destination.report(progress(id, assignment.getAssignmentId(), id * MIB));
                        destination.next(CoordinatorMessage.BodyCase.REPORT_ACK);
                        given().get("/api/v1/jobs/" + jobId)
                                .then()
                                .body("transfers[0].rateBytesPerSecond", greaterThan(0));
                    });
            int rate = given().get("/api/v1/jobs/" + jobId).then().extract().path("transfers[0].rateBytesPerSecond");

            CompletableFuture<ValidatableResponse> response = dryRun(planId);
            answer(source, source.next(CoordinatorMessage.BodyCase.SURVEY).getSurvey(), 3, 10L * rate);

            response.get(30, TimeUnit.SECONDS)
                    .statusCode(200)
                    .body("transfers[0].concurrency", equalTo(7))
                    .body("transfers[0].bandwidthLimit", equalTo(0))
                    .body("transfers[0].estimateBasis", equalTo("measured-rate"))
                    .body("transfers[0].estimateBytesPerSecond", equalTo(rate))
                    .body("transfers[0].estimatedSeconds", equalTo(10))
                    .body("transfers[0].estimateNote", nullValue());
        }
    }

    @Test
    void anAgentThatCannotSurveyItsDatasetIsA422NamingAgentDatasetAndReason() throws Exception {
        try (FakeAgent source = online("dr-err-src");
                FakeAgent destination = online("dr-err-dst")) {
            String planId = plan(noLimitPlan("dr-err", "dr-err-src", "dr-err-dst"));

            CompletableFuture<ValidatableResponse> response = dryRun(planId);
            SurveyRequest request =
                    source.next(CoordinatorMessage.BodyCase.SURVEY).getSurvey();
            source.send(AgentMessage.newBuilder()
                    .setSurveyResult(SurveyResult.newBuilder()
                            .setSurveyId(request.getSurveyId())
                            .setError("path 'photos' does not exist in volume 'data'"))
                    .build());

            response.get(30, TimeUnit.SECONDS)
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:meshlift:problem:survey-failed"))
                    .body("detail", containsString("dr-err-src"))
                    .body("detail", containsString("'photos'"))
                    .body("detail", containsString("does not exist"));
        }
    }

    @Test
    void aSourceThatDoesNotAnswerIsA504AndAnswersFromOtherAgentsAreIgnored() throws Exception {
        try (FakeAgent source = online("dr-mute-src");
                FakeAgent other = online("dr-mute-dst")) {
            String planId = plan(noLimitPlan("dr-mute", "dr-mute-src", "dr-mute-dst"));

            CompletableFuture<ValidatableResponse> response = dryRun(planId);
            SurveyRequest request =
                    source.next(CoordinatorMessage.BodyCase.SURVEY).getSurvey();
            // Another agent cannot answer for the source, even knowing the survey id.
            answer(other, request, 1, 1);

            response.get(30, TimeUnit.SECONDS)
                    .statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:meshlift:problem:agent-timeout"))
                    .body("detail", containsString("dr-mute-src"))
                    .body("detail", containsString("within 3 s"));
        }
    }

    @Test
    void anOfflineSourceIsA503NamingIt() throws Exception {
        String planId;
        try (FakeAgent source = online("dr-gone-src");
                FakeAgent destination = online("dr-gone-dst")) {
            planId = plan(noLimitPlan("dr-gone", "dr-gone-src", "dr-gone-dst"));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/v1/agents")
                        .then()
                        .body("find { it.id == 'dr-gone-src' }.state", equalTo("OFFLINE")));

        given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId, "dryRun", true))
                .post("/api/v1/jobs")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:agent-unavailable"))
                .body("detail", containsString("dr-gone-src"))
                .body("detail", containsString("OFFLINE"));
    }

    private static Report progress(long reportId, String assignment, long bytesDone) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setProgress(Progress.newBuilder()
                        .setFilesDone(0)
                        .setFilesTotal(3)
                        .setBytesDone(bytesDone)
                        .setBytesTotal(100 * MIB))
                .build();
    }
}
