package io.meshlift.coordinator.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OpenApiAndHealthTest {

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Meshlift coordinator API"))
                .body("paths.keySet()", hasItem("/api/v1/audit/ledger/verify"))
                .body("paths.keySet()", hasItem("/api/v1/audit/ledger/export"))
                .body("paths.keySet()", hasItem("/api/v1/agents"))
                .body("paths.keySet()", hasItem("/api/v1/plans"))
                .body("paths.keySet()", hasItem("/api/v1/jobs/{id}/retry"));
    }

    @Test
    void healthIsOpenAndChecksTheDatabase() {
        given().when()
                .get("/q/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
    }
}
