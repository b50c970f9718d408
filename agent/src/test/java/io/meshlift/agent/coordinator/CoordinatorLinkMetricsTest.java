package io.meshlift.agent.coordinator;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.meshlift.agent.metrics.PrometheusScrape;
import io.meshlift.agent.peer.PeerServer;
import io.meshlift.core.metrics.MeshliftMetric;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.PeerSource;
import io.meshlift.proto.control.v1.Report;

import static io.meshlift.agent.coordinator.LinkFixture.COORDINATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The agent's metrics, readiness and pull log context, with a real pull over mTLS from its own peer server
 * into its {@code dst} volume, assigned by a {@link FakeCoordinator} over a real control stream.
 */
@QuarkusTest
@TestProfile(CoordinatorLinkTestProfile.class)
class CoordinatorLinkMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ASSIGNMENT = "0c9d7e55-3b1a-4f6e-8f2d-7a1b2c3d4e5f/1";
    private static final int BIG_FILE = 700_000;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    PeerServer peerServer;

    @Inject
    CoordinatorLink link;

    private final List<FakeCoordinator> coordinators = new ArrayList<>();

    @AfterEach
    void stopCoordinators() {
        coordinators.forEach(FakeCoordinator::close);
    }

    @Test
    void everyAgentMetricIsRegisteredOnTheManagementPort() {
        PrometheusScrape scrape = scrape();

        for (MeshliftMetric metric : MeshliftMetric.of(MeshliftMetric.Component.AGENT)) {
            assertThat(scrape.has(metric.prometheusName()))
                    .as(metric.prometheusName())
                    .isTrue();
        }
        assertThat(scrape.value("meshlift_agent_peers_quarantined")).isZero();
        // The admin port serves health, never metrics.
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void aPullOverTlsMovesTheByteChunkAndFileCountersAndCarriesItsLogContext() throws Exception {
        Path source = dataset("metrics-pull");
        long datasetBytes = Files.size(source.resolve("a.txt")) + BIG_FILE;
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = capture(records);
        Logger transferLog = Logger.getLogger("io.meshlift.agent.transfer");
        transferLog.addHandler(capture);
        try {
            FakeCoordinator coordinator = coordinator();
            await().atMost(WAIT).until(() -> scrape().value("meshlift_agent_control_channel_connected") == 1);
            PrometheusScrape before = scrape();

            coordinator.send(CoordinatorMessage.newBuilder()
                    .setAssign(assignment(ASSIGNMENT, "metrics-pull"))
                    .build());
            await().atMost(WAIT)
                    .until(() -> coordinator.reportsFor(ASSIGNMENT).stream().anyMatch(Report::hasFinished));

            PrometheusScrape after = scrape();
            assertThat(increase(before, after, "meshlift_agent_bytes_received_total", "peer_role=\"source\""))
                    .isEqualTo(datasetBytes);
            // This agent is also the source: it served exactly what it received.
            assertThat(increase(before, after, "meshlift_agent_bytes_sent_total", "peer_role=\"destination\""))
                    .isEqualTo(datasetBytes);
            // 64 KiB chunks (the plan default is larger; the fake coordinator asks for small ones).
            assertThat(increase(before, after, "meshlift_agent_chunks_verified_total"))
                    .isEqualTo(1 + Math.ceil(BIG_FILE / 65536.0));
            assertThat(increase(before, after, "meshlift_agent_chunks_rejected_total"))
                    .isZero();
            assertThat(increase(before, after, "meshlift_agent_files_verified_total"))
                    .isEqualTo(2);
            // The rate counts whole seconds only: it shows once the second the bytes arrived in has ended.
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(scrape().value("meshlift_agent_transfer_rate_bytes_per_second"))
                            .isPositive());
            await().atMost(WAIT).untilAsserted(() -> {
                PrometheusScrape idle = scrape();
                assertThat(idle.value("meshlift_agent_pulls_active")).isZero();
                assertThat(idle.value("meshlift_agent_chunk_requests_in_flight"))
                        .isZero();
            });

            ExtLogRecord summary = records.stream()
                    .filter(r -> r.getFormattedMessage().startsWith("pull " + PullIds.of(ASSIGNMENT)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no summary line of the pull in " + records));
            assertThat(summary.getMdc("assignmentId")).isEqualTo(ASSIGNMENT);
            assertThat(summary.getMdc("transferId")).isEqualTo(ASSIGNMENT.substring(0, 36));
            assertThat(summary.getMdc("jobId")).isEqualTo("job-1");
            assertThat(summary.getMdc("dataset")).isEqualTo("dataset");
        } finally {
            transferLog.removeHandler(capture);
        }
    }

    @Test
    void readinessFollowsTheControlChannelAndTheVolumes() throws Exception {
        await().atMost(WAIT).until(() -> !link.status().connected());
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'coordinator link' }.status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);

        coordinator();
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        Path dst = LinkFixture.dir().resolve("dst");
        Path aside = LinkFixture.dir().resolve("dst-unmounted");
        Files.move(dst, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'volumes' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'coordinator link' }.status", equalTo("UP"));
        } finally {
            Files.move(aside, dst, StandardCopyOption.ATOMIC_MOVE);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private FakeCoordinator coordinator() throws Exception {
        var mesh = LinkFixture.mesh();
        FakeCoordinator coordinator =
                FakeCoordinator.start(mesh, mesh.agent(COORDINATOR), LinkFixture.coordinatorPort(), true);
        coordinators.add(coordinator);
        await().atMost(WAIT).until(coordinator::connected);
        return coordinator;
    }

    private Assignment assignment(String id, String dataset) {
        return Assignment.newBuilder()
                .setAssignmentId(id)
                .setJobId("job-1")
                .setDataset(dataset)
                .setPass(1)
                .setSource(PeerSource.newBuilder()
                        .setAgentId("alpha")
                        .setHost("127.0.0.1")
                        .setPort(peerServer.port())
                        .setVolume("src")
                        .setPath(dataset))
                .setDestinationVolume("dst")
                .setDestinationPath(dataset)
                .setChunkSize(65536)
                .setVerify("full")
                .setGrant(FakeCoordinator.grant(id, "alpha", "alpha", "src", dataset))
                .build();
    }

    private static Path dataset(String name) throws Exception {
        Path root = LinkFixture.dir().resolve("src").resolve(name);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("a.txt"), "hello " + name, StandardCharsets.UTF_8);
        byte[] data = new byte[BIG_FILE];
        new Random(name.hashCode()).nextBytes(data);
        Files.write(root.resolve("sub/b.bin"), data);
        return root;
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(
                given().get(metrics).then().statusCode(200).extract().asString());
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String series, String... labels) {
        return after.value(series, labels) - before.value(series, labels);
    }

    private static Handler capture(List<ExtLogRecord> records) {
        return new Handler() {
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
    }
}
