package io.meshlift.coordinator.agent;

import java.time.Instant;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.job.JobFixtures;
import io.meshlift.coordinator.security.Roles;
import io.meshlift.coordinator.transfer.TransferState;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;

@QuarkusTest
@TestSecurity(user = "operator", roles = Roles.OPERATOR)
class AgentResourceTest {

    @Inject
    AgentFixtures fixtures;

    @Inject
    JobFixtures jobs;

    @Test
    void listsRegisteredAgentsWithStateLastSeenAndVolumes() {
        fixtures.register("dc9-rest-01", Instant.parse("2030-01-02T03:04:05Z"), new AgentVolume("data", 1, 2));

        given().when()
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("$", instanceOf(java.util.List.class))
                .body("id", hasItem("dc9-rest-01"))
                .body("find { it.id == 'dc9-rest-01' }.state", equalTo("ONLINE"))
                .body("find { it.id == 'dc9-rest-01' }.lastSeen", equalTo("2030-01-02T03:04:05Z"))
                .body("find { it.id == 'dc9-rest-01' }.volumes[0].name", equalTo("data"))
                .body("find { it.id == 'dc9-rest-01' }.volumes[0].totalBytes", equalTo(2));
    }

    @Test
    void countsTheTransfersEachAgentPullsAndServesNow() {
        fixtures.register("dc9-act-src", Instant.parse("2030-01-02T03:04:05Z"), new AgentVolume("data", 1, 2));
        fixtures.register("dc9-act-dst", Instant.parse("2030-01-02T03:04:05Z"), new AgentVolume("data", 1, 2));
        // One job per transfer: a job holds one transfer per dataset and destination.
        for (TransferState state : TransferState.values()) {
            jobs.transfer(jobs.job(), "dc9-act-src", "dc9-act-dst", state);
        }

        given().get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("find { it.id == 'dc9-act-dst' }.activeTransfers", equalTo(2))
                .body("find { it.id == 'dc9-act-dst' }.servingTransfers", equalTo(0))
                .body("find { it.id == 'dc9-act-src' }.activeTransfers", equalTo(0))
                .body("find { it.id == 'dc9-act-src' }.servingTransfers", equalTo(2));
    }
}
