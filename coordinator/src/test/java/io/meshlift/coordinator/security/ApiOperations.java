package io.meshlift.coordinator.security;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The operations of the running coordinator, read from its own OpenAPI document (which needs a token too). */
final class ApiOperations {

    private ApiOperations() {}

    static List<ApiOperation> fetch(String adminToken) {
        String document = given().header("Authorization", KeycloakTokens.bearer(adminToken))
                .queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<ApiOperation> operations = ApiOperation.fromOpenApi(document);
        // A guard against a sweep that passes because it found nothing to sweep.
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(15);
        return operations;
    }
}
