package io.meshlift.coordinator.security;

import java.util.List;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.meshlift.testkit.keycloak.KeycloakServer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every operation the OpenAPI document lists, called without a token, answers 401 with a problem. The list
 * comes from the running application, so an operation added later is swept too.
 */
@QuarkusTest
@TestProfile(KeycloakTestProfile.class)
class DenyByDefaultSweepTest {

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesACallerWithoutAToken() {
        String admin = KeycloakServer.shared().clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-admin");
        List<ApiOperation> operations = ApiOperations.fetch(admin);
        return operations.stream()
                .map(operation -> dynamicTest("no token: " + operation, () -> {
                    Response response = operation.call(null);
                    if (operation.key().equals(ENROLL)) {
                        assertEnrollmentTokenRequired(response);
                    } else {
                        assertUnauthorized(response);
                    }
                }));
    }

    /** Its credential is a one-time enrollment token (docs/security.md); without one it is refused all the same. */
    private static final String ENROLL = "POST /api/v1/enroll";

    private static void assertEnrollmentTokenRequired(Response response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Enrollment");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:meshlift:problem:enrollment-token-missing");
    }

    @Test
    void theOpenApiDocumentAndUnknownPathsNeedATokenToo() {
        assertUnauthorized(given().when().get("/q/openapi"));
        assertUnauthorized(given().when().get("/api/v1/no-such-thing"));
        assertUnauthorized(given().when().get("/"));
    }

    @Test
    void healthIsOpen() {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started")) {
            assertThat(given().when().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    static void assertUnauthorized(Response response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:meshlift:problem:unauthenticated");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
    }
}
