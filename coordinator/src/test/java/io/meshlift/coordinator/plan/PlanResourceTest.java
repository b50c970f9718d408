package io.meshlift.coordinator.plan;

import java.time.Instant;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentFixtures;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.security.Roles;

import static io.meshlift.coordinator.plan.PlanFixtures.bytes;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestSecurity(user = "operator", roles = Roles.OPERATOR)
class PlanResourceTest {

    @Inject
    AgentFixtures agents;

    @Inject
    AgentRepository agentRows;

    @BeforeEach
    void registerAgents() {
        for (String id : new String[] {"pl-src-01", "pl-dst-01", "pl-dst-02"}) {
            if (agentRows.findByIdOptional(id).isEmpty()) {
                agents.register(id, Instant.parse("2030-01-01T00:00:00Z"), new AgentVolume("data", 1, 2));
            }
        }
    }

    @Test
    void createsAPlanFromYamlAndReadsItBack() {
        String yaml = PlanFixtures.plan("rest-yaml", "pl-src-01", "pl-dst-01", "pl-dst-02");
        String id = given().contentType("application/yaml")
                .body(bytes(yaml))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/plans/"))
                .body("name", equalTo("rest-yaml"))
                .body("datasets[0].name", equalTo("billing-backups"))
                .body("datasets[0].source", equalTo("pl-src-01:data:backups/billing"))
                .body("datasets[0].destinations", hasSize(2))
                .extract()
                .path("id");

        given().when()
                .get("/api/v1/plans/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("yaml", equalTo(yaml));
        given().when()
                .get("/api/v1/plans")
                .then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.yaml", nullValue());
    }

    @Test
    void acceptsTextYamlAndJsonBodies() {
        given().contentType("text/yaml")
                .body(bytes(PlanFixtures.plan("rest-text-yaml", "pl-src-01", "pl-dst-01")))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .body("id", notNullValue());
        String json = """
                {"apiVersion": "meshlift/v1", "kind": "MigrationPlan", "metadata": {"name": "rest-json"},
                 "spec": {"datasets": [{"name": "logs",
                   "source": {"agent": "pl-src-01", "volume": "data", "path": "logs"},
                   "destinations": [{"agent": "pl-dst-01", "volume": "data", "path": "logs"}]}]}}
                """;
        given().contentType(ContentType.JSON)
                .body(json)
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .body("name", equalTo("rest-json"))
                .body("datasets[0].destinations[0]", equalTo("pl-dst-01:data:logs"));
    }

    @Test
    void reportsEveryValidationErrorWithLineAndColumn() {
        String yaml = """
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata: { name: broken }
                spec:
                  defaults: { chunkSize: 4 potatoes, chunksize: 4MiB }
                  datasets:
                    - name: dup
                      source: { agent: pl-src-01, volume: data, path: a }
                      destinations:
                        - { agent: pl-src-01, volume: data, path: a }
                    - name: dup
                      source: { agent: pl-src-01, volume: data, path: b }
                      destinations:
                        - { agent: pl-dst-01, volume: data, path: ../../etc }
                        - { agent: nobody-01, volume: data, path: c }
                """;
        given().contentType("application/yaml")
                .body(bytes(yaml))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:invalid-plan"))
                .body("status", equalTo(400))
                .body("errors", hasSize(6))
                .body("errors[0].line", equalTo(5))
                .body("errors[0].column", equalTo(26))
                .body("errors[0].path", equalTo("spec.defaults.chunkSize"))
                .body("errors[0].message", containsString("not a size"))
                .body("errors[1].column", equalTo(38))
                .body("errors[1].path", equalTo("spec.defaults.chunksize"))
                .body("errors[1].message", containsString("Did you mean 'chunkSize'?"))
                .body("errors[2].line", equalTo(10))
                .body("errors[2].column", equalTo(11))
                .body("errors[2].message", containsString("own source"))
                .body("errors[3].line", equalTo(11))
                .body("errors[3].path", equalTo("spec.datasets[1].name"))
                .body("errors[3].message", containsString("already used"))
                .body("errors[4].line", equalTo(14))
                .body("errors[4].column", equalTo(51))
                .body("errors[4].path", equalTo("spec.datasets[1].destinations[0].path"))
                .body("errors[4].message", containsString("'..'"))
                .body("errors[5].line", equalTo(15))
                .body("errors[5].path", equalTo("spec.datasets[1].destinations[1].agent"))
                .body("errors[5].message", containsString("unknown agent 'nobody-01'"))
                .body("errors.every { it.line > 0 && it.column > 0 }", equalTo(true));
    }

    @Test
    void anUnknownPlanIsNotFound() {
        given().when()
                .get("/api/v1/plans/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:not-found"));
    }

    @Test
    void anEmptyBodyIsAnInvalidPlan() {
        given().contentType("application/yaml")
                .body(bytes(""))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].line", equalTo(1));
    }
}
