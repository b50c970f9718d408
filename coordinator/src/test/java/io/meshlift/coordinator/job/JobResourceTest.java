package io.meshlift.coordinator.job;

import java.time.Instant;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentFixtures;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.security.Roles;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@TestSecurity(user = "operator", roles = Roles.OPERATOR)
class JobResourceTest {

    @Inject
    AgentFixtures agents;

    @Inject
    AgentRepository agentRows;

    @BeforeEach
    void registerAgents() {
        for (String id : new String[] {"jb-src-01", "jb-dst-01", "jb-dst-02"}) {
            if (agentRows.findByIdOptional(id).isEmpty()) {
                agents.register(id, Instant.parse("2030-01-01T00:00:00Z"), new AgentVolume("data", 1, 2));
            }
        }
    }

    private static String plan() {
        return given().contentType("application/yaml")
                .body(bytes(PlanFixtures.plan("jobs", "jb-src-01", "jb-dst-01", "jb-dst-02")))
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String job(String planId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId))
                .post("/api/v1/jobs")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void transition(String jobId, String action, int status) {
        given().post("/api/v1/jobs/" + jobId + "/" + action).then().statusCode(status);
    }

    @Test
    void startsAJobWithOneTransferPerDestination() {
        String planId = plan();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId))
                .when()
                .post("/api/v1/jobs")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("state", equalTo("RUNNING"))
                .body("planId", equalTo(planId))
                .body("pass", equalTo(1))
                .body("transfers", hasSize(2))
                .body("transfers.state", hasItem("PENDING"))
                .body("transfers[0].destination", equalTo("jb-dst-01:data:backups/billing"))
                .body("progress.transfers", equalTo(2))
                .extract()
                .path("id");

        given().get("/api/v1/jobs/" + id)
                .then()
                .statusCode(200)
                .body("transfers[1].filesDone", equalTo(0))
                .body("transfers[1].bytesTotal", equalTo(0));
        given().get("/api/v1/jobs").then().statusCode(200).body("id", hasItem(id));
        // Running the plan again is its next incremental pass.
        given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId))
                .post("/api/v1/jobs")
                .then()
                .statusCode(201)
                .body("pass", equalTo(2));
    }

    @Test
    void aDryRunNeedsTheSourceAgentsControlStreamOnThisReplica() {
        // jb-src-01 is ONLINE in the database, but no stream of it is open here (no control channel in this
        // profile): as with an agent connected to another replica, the dry run cannot ask it.
        String planId = plan();
        given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId, "dryRun", true))
                .when()
                .post("/api/v1/jobs")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:agent-unavailable"))
                .body("detail", containsString("jb-src-01"))
                .body("detail", containsString("another coordinator replica"));
        given().get("/api/v1/jobs").then().body("findAll { it.planId == '" + planId + "' }", hasSize(0));
    }

    @Test
    void aDryRunWithAnOfflineOrUnknownSourceNamesIt() {
        if (agentRows.findByIdOptional("jb-off-01").isEmpty()) {
            agents.register("jb-off-01", Instant.parse("2030-01-01T00:00:00Z"), new AgentVolume("data", 1, 2));
        }
        String planId = given().contentType("application/yaml")
                .body(bytes(PlanFixtures.plan("jobs-offline", "jb-off-01", "jb-dst-01")))
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        agents.markOffline("jb-off-01");

        given().contentType(ContentType.JSON)
                .body(Map.of("planId", planId, "dryRun", true))
                .post("/api/v1/jobs")
                .then()
                .statusCode(503)
                .body("detail", containsString("source agent jb-off-01 of dataset 'billing-backups' is OFFLINE"));
        given().contentType(ContentType.JSON)
                .body(Map.of("planId", "00000000-0000-0000-0000-000000000001", "dryRun", true))
                .post("/api/v1/jobs")
                .then()
                .statusCode(404);
    }

    @Test
    void pausesResumesAndCancelsAndRefusesIllegalTransitions() {
        String id = job(plan());
        transition(id, "resume", 409);
        transition(id, "retry", 409);
        transition(id, "pause", 200);
        given().get("/api/v1/jobs/" + id).then().body("state", equalTo("PAUSED"));
        given().post("/api/v1/jobs/" + id + "/pause")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:conflict"))
                .body("detail", containsString("is PAUSED"));
        transition(id, "resume", 200);
        given().get("/api/v1/jobs/" + id).then().body("state", equalTo("RUNNING"));
        given().post("/api/v1/jobs/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("transfers.state", hasItem("CANCELLED"));
        transition(id, "cancel", 409);
        transition(id, "pause", 409);
        transition(id, "resume", 409);
    }

    @Test
    void retriesACancelledJob() {
        String id = job(plan());
        transition(id, "cancel", 200);
        given().post("/api/v1/jobs/" + id + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("transfers.state", hasItem("PENDING"))
                .body("finishedAt", equalTo(null));
    }

    @Test
    void unknownJobsAndPlansAreNotFound() {
        String unknown = "00000000-0000-0000-0000-000000000001";
        given().get("/api/v1/jobs/" + unknown).then().statusCode(404).contentType("application/problem+json");
        transition(unknown, "cancel", 404);
        given().contentType(ContentType.JSON)
                .body(Map.of("planId", unknown))
                .post("/api/v1/jobs")
                .then()
                .statusCode(404)
                .body("detail", containsString(unknown));
    }

    @Test
    void aJobNeedsAPlanId() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/jobs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("planId"));
    }
}
