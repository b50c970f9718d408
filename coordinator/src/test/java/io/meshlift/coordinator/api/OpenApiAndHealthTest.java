package io.meshlift.coordinator.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.security.Roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OpenApiAndHealthTest {

    @Test
    @TestSecurity(user = "auditor", roles = Roles.AUDITOR)
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

    // No @TestSecurity: health is the one open path.
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
