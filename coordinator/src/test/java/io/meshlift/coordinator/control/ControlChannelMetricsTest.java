package io.meshlift.coordinator.control;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.metrics.PrometheusScrape;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.security.Roles;
import io.meshlift.core.metrics.MeshliftMetric;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.FileVerified;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.TransferFinished;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator's Prometheus metrics on the management port, moved by real reports over a real mTLS
 * control stream, and the log context those reports are handled in.
 */
@QuarkusTest
@TestSecurity(
        user = "operator-auditor",
        roles = {Roles.OPERATOR, Roles.AUDITOR})
@TestProfile(ControlChannelProfile.class)
class ControlChannelMetricsTest {

    private static final String DIGEST = "c".repeat(64);
    private static final String OTHER_DIGEST = "d".repeat(64);

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    ControlServer server;

    @ConfigProperty(name = "coordinator.tls.ca")
    Path ca;

    @Test
    void everyCoordinatorMetricIsRegisteredOnTheManagementPortOnly() {
        PrometheusScrape scrape = scrape();

        for (MeshliftMetric metric : MeshliftMetric.of(MeshliftMetric.Component.COORDINATOR)) {
            assertThat(scrape.has(metric.prometheusName()))
                    .as(metric.prometheusName())
                    .isTrue();
        }
        assertThat(scrape.value("meshlift_coordinator_jobs", "state=\"RUNNING\""))
                .isGreaterThanOrEqualTo(0);
        // The API port does not serve metrics, even to an authenticated caller.
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void reportsOverTheControlChannelMoveTheCountersAndGauges() throws Exception {
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-met-dst")) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scrape().value("meshlift_coordinator_control_streams") >= 2);
            String jobId = startJob(PlanFixtures.plan("met-plan", "ctl-src", "ctl-met-dst"));
            String id = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            PrometheusScrape before = scrape();

            destination.report(file(1, id, "same.bin", DIGEST, DIGEST));
            destination.report(file(2, id, "differs.bin", DIGEST, OTHER_DIGEST));
            assertThat(ackUpTo(destination, 2)).isTrue();

            PrometheusScrape after = scrape();
            assertThat(increase(before, after, "meshlift_coordinator_reports_received_total", "kind=\"file\""))
                    .isEqualTo(2);
            assertThat(increase(before, after, "meshlift_coordinator_files_verified_total"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "meshlift_coordinator_files_mismatched_total"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "meshlift_coordinator_ledger_appends_total", "kind=\"FILE_VERIFIED\""))
                    .isEqualTo(2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scrape().value("meshlift_coordinator_transfers", "state=\"ASSIGNED\"")
                                    + scrape().value("meshlift_coordinator_transfers", "state=\"RUNNING\"")
                            >= 1);
            assertThat(scrape().value("meshlift_coordinator_agents", "state=\"ONLINE\""))
                    .isGreaterThanOrEqualTo(2);
            // The REST calls above are timed, with the histogram the dashboard's percentiles need.
            assertThat(after.value("http_server_requests_seconds_count", "uri=\"/api/v1/jobs\"", "method=\"POST\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.has("http_server_requests_seconds_bucket")).isTrue();
            assertThat(jobId).isNotBlank();
        }
    }

    @Test
    void aReportIsLoggedWithItsAgentJobTransferAndDataset() throws Exception {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    ext.copyMdc();
                    records.add(ext);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger engineLog = Logger.getLogger("io.meshlift.coordinator.transfer");
        engineLog.addHandler(capture);
        try (FakeAgent source = online("ctl-src");
                FakeAgent destination = online("ctl-log-dst")) {
            String jobId = startJob(PlanFixtures.plan("log-plan", "ctl-src", "ctl-log-dst"));
            String id = destination
                    .next(CoordinatorMessage.BodyCase.ASSIGN)
                    .getAssign()
                    .getAssignmentId();
            String transferId = id.substring(0, id.indexOf('/'));

            destination.report(finished(1, id));
            assertThat(ackUpTo(destination, 1)).isTrue();

            ExtLogRecord finishedLine = records.stream()
                    .filter(r -> r.getFormattedMessage().contains("transfer " + transferId))
                    .filter(r -> r.getFormattedMessage().endsWith("SUCCEEDED"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no log line of the finished transfer in " + records));
            assertThat(finishedLine.getMdc("agent")).isEqualTo("ctl-log-dst");
            assertThat(finishedLine.getMdc("jobId")).isEqualTo(jobId);
            assertThat(finishedLine.getMdc("transferId")).isEqualTo(transferId);
            assertThat(finishedLine.getMdc("assignmentId")).isEqualTo(id);
            assertThat(finishedLine.getMdc("dataset")).isEqualTo("billing-backups");
        } finally {
            engineLog.removeHandler(capture);
        }
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(
                given().get(metrics).then().statusCode(200).extract().asString());
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String series, String... labels) {
        return after.value(series, labels) - before.value(series, labels);
    }

    private FakeAgent online(String certifiedAs) throws Exception {
        FakeAgent agent = FakeAgent.connect(ca, certifiedAs, server.port()).register();
        agent.next(CoordinatorMessage.BodyCase.WELCOME);
        return agent.heartbeatEvery(Duration.ofMillis(150));
    }

    private static boolean ackUpTo(FakeAgent agent, long reportId) throws InterruptedException {
        long acknowledged = 0;
        while (acknowledged < reportId) {
            acknowledged = agent.next(CoordinatorMessage.BodyCase.REPORT_ACK)
                    .getReportAck()
                    .getUpToReportId();
        }
        return acknowledged == reportId;
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

    private static Report file(long reportId, String assignment, String path, String source, String destination) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setFile(FileVerified.newBuilder()
                        .setPath(path)
                        .setSize(10)
                        .setSourceSha256(source)
                        .setDestinationSha256(destination)
                        .setOutcome("COPIED")
                        .setVerifiedAtEpochMs(1_700_000_000_000L))
                .build();
    }

    private static Report finished(long reportId, String assignment) {
        return Report.newBuilder()
                .setReportId(reportId)
                .setAssignmentId(assignment)
                .setFinished(TransferFinished.newBuilder()
                        .setState("SUCCEEDED")
                        .setSourceDatasetDigest(DIGEST)
                        .setDestinationDatasetDigest(DIGEST))
                .build();
    }
}
