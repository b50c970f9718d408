package io.meshlift.coordinator.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.security.Roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Errors Quarkus REST raises itself come out in the same problem+json shape as the domain's. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
class ProblemMapperTest {

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        given().when()
                .get("/api/v1/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no resource at /api/v1/no-such-thing"))
                .body("instance", equalTo("/api/v1/no-such-thing"))
                .body("errors", nullValue());
    }

    @Test
    void anUnsupportedMethodIsAProblem() {
        given().when()
                .delete("/api/v1/agents")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("title", equalTo("Method Not Allowed"))
                .body("status", equalTo(405))
                .body("detail", containsString("does not support this method"));
    }
}
