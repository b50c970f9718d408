package io.meshlift.coordinator.security;

import java.nio.charset.StandardCharsets;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Deny by default with identities made up by {@code @TestSecurity}: 401 and 403 are problems like every other
 * error. The same rules against real Keycloak tokens: {@link KeycloakSecurityTest}.
 */
@QuarkusTest
class AuthProblemTest {

    @Test
    void anonymousCallerGetsAnUnauthorizedProblemWithABearerChallenge() {
        given().when()
                .get("/api/v1/jobs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:meshlift:problem:unauthenticated"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/jobs"));
    }

    @Test
    void anonymousCallerCannotTellAnUnknownPathFromAKnownOne() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentNeedsAnAuthenticatedCaller() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(401);
    }

    @Test
    void healthIsOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "nobody")
    void callerWithoutAMeshliftRoleGetsAForbiddenProblem() {
        given().when()
                .get("/api/v1/jobs")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:forbidden"))
                .body("status", equalTo(403))
                .body("instance", equalTo("/api/v1/jobs"));
    }

    @Test
    @TestSecurity(user = "agent-1", roles = Roles.AGENT)
    void anAgentHasNoRestOperation() {
        given().contentType("application/yaml")
                .body("apiVersion: meshlift.io/v1\n".getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/api/v1/agents").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "auditor", roles = Roles.AUDITOR)
    void anAuditorCannotStartAJob() {
        given().contentType("application/json")
                .body("{\"planId\":\"00000000-0000-0000-0000-000000000000\"}")
                .when()
                .post("/api/v1/jobs")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
