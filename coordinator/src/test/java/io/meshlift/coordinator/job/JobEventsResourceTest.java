package io.meshlift.coordinator.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentFixtures;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.plan.PlanFixtures;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestSecurity(user = "oscar", roles = "meshlift-operator")
class JobEventsResourceTest {

    @TestHTTPResource("/")
    URI baseUrl;

    @Inject
    AgentFixtures agents;

    @Inject
    AgentRepository agentRows;

    @BeforeEach
    void registerAgents() {
        for (String id : new String[] {"ev-src-01", "ev-dst-01"}) {
            if (agentRows.findByIdOptional(id).isEmpty()) {
                agents.register(id, Instant.parse("2030-01-01T00:00:00Z"), new AgentVolume("data", 1, 2));
            }
        }
    }

    private static String startJob() {
        String planId = given().contentType("application/yaml")
                .body(bytes(PlanFixtures.plan("events", "ev-src-01", "ev-dst-01")))
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

    /** The JSON of each {@code data:} line of a server-sent event stream. */
    private static List<JsonPath> events(String body) {
        return body.lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> JsonPath.from(line.substring("data:".length())))
                .toList();
    }

    private static String readStream(String jobId) {
        return given().accept("text/event-stream")
                .get("/api/v1/jobs/" + jobId + "/events")
                .then()
                .statusCode(200)
                .contentType(equalToIgnoringParameters("text/event-stream"))
                .extract()
                .asString();
    }

    private static org.hamcrest.Matcher<String> equalToIgnoringParameters(String mediaType) {
        return org.hamcrest.Matchers.startsWith(mediaType);
    }

    @Test
    void aFinishedJobStreamsOneEventAndEnds() {
        String id = startJob();
        given().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(200);

        List<JsonPath> events = events(readStream(id));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getString("id")).isEqualTo(id);
        assertThat(events.get(0).getString("state")).isEqualTo("CANCELLED");
        assertThat(events.get(0).getInt("progress.transfers")).isEqualTo(1);
    }

    @Test
    void aRunningJobStreamsItsChangesLiveUntilItEnds() throws Exception {
        String id = startJob();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "api/v1/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> response.body()
                .filter(line -> line.startsWith("data:"))
                .map(line -> JsonPath.from(line.substring("data:".length())).getString("state"))
                .forEach(states::add));

        // Each change is seen while the stream is open, not only when it ends.
        assertThat(states.poll(30, TimeUnit.SECONDS)).isEqualTo("RUNNING");
        given().post("/api/v1/jobs/" + id + "/pause").then().statusCode(200);
        assertThat(nextStateOtherThan("RUNNING", states)).isEqualTo("PAUSED");
        given().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(200);
        assertThat(nextStateOtherThan("PAUSED", states)).isEqualTo("CANCELLED");
        reading.get(30, TimeUnit.SECONDS);
        assertThat(states).isEmpty();
    }

    /** Views may repeat a state while other fields change; skips those. */
    private static String nextStateOtherThan(String current, BlockingQueue<String> states) throws InterruptedException {
        String state;
        do {
            state = states.poll(30, TimeUnit.SECONDS);
        } while (current.equals(state));
        return state;
    }

    @Test
    void anUnknownJobIsNotFound() {
        given().accept("text/event-stream")
                .get("/api/v1/jobs/" + UUID.randomUUID() + "/events")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
