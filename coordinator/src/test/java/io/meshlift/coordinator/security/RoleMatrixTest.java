package io.meshlift.coordinator.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.meshlift.coordinator.agent.AgentFixtures;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.security.KeycloakTokens.Caller;

import static io.meshlift.coordinator.security.KeycloakTokens.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every caller (admin, operator, auditor, agent, a client without role) against every operation of the
 * OpenAPI document, with real Keycloak tokens. Allowed means the request got past authorization (not 401 or
 * 403, and no 5xx); denied means exactly 403, so a denied caller never sees a 2xx.
 */
@QuarkusTest
@TestProfile(KeycloakTestProfile.class)
class RoleMatrixTest {

    private static final Set<Caller> READERS = EnumSet.of(Caller.ADMIN, Caller.OPERATOR, Caller.AUDITOR);
    private static final Set<Caller> OPERATORS = EnumSet.of(Caller.ADMIN, Caller.OPERATOR);
    private static final Set<Caller> AUDITORS = EnumSet.of(Caller.ADMIN, Caller.AUDITOR);
    private static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);

    /**
     * Authenticated by a one-time enrollment token instead of a bearer token ({@code @PermitAll}): no bearer
     * token, whatever its roles, gets past it. Enrollment's own tests cover the enrollment token.
     */
    private static final Set<String> ENROLLMENT_TOKEN_ONLY = Set.of("POST /api/v1/enroll");

    /** Who may call what; docs/security.md has the same table. Agents and role-less clients: nothing. */
    private static final Map<String, Set<Caller>> ALLOWED = Map.ofEntries(
            Map.entry("GET /api/v1/agents", READERS),
            Map.entry("POST /api/v1/agents/{id}/enrollments", ADMINS),
            Map.entry("DELETE /api/v1/agents/{id}", ADMINS),
            Map.entry("POST /api/v1/plans", OPERATORS),
            Map.entry("GET /api/v1/plans", READERS),
            Map.entry("GET /api/v1/plans/{id}", READERS),
            Map.entry("POST /api/v1/jobs", OPERATORS),
            Map.entry("GET /api/v1/jobs", READERS),
            Map.entry("GET /api/v1/jobs/{id}", READERS),
            Map.entry("GET /api/v1/jobs/{id}/events", READERS),
            Map.entry("POST /api/v1/jobs/{id}/cancel", OPERATORS),
            Map.entry("POST /api/v1/jobs/{id}/pause", OPERATORS),
            Map.entry("POST /api/v1/jobs/{id}/resume", OPERATORS),
            Map.entry("POST /api/v1/jobs/{id}/retry", OPERATORS),
            Map.entry("GET /api/v1/jobs/{jobId}/audit", AUDITORS),
            Map.entry("GET /api/v1/jobs/{jobId}/audit/export", AUDITORS),
            Map.entry("GET /api/v1/audit/ledger/verify", AUDITORS),
            Map.entry("GET /api/v1/audit/ledger/export", AUDITORS));

    private static Map<Caller, String> tokens;

    @Inject
    AgentFixtures agents;

    @Inject
    AgentRepository agentRows;

    @BeforeAll
    static void obtainTokens() {
        tokens = KeycloakTokens.forEveryCaller();
    }

    @TestFactory
    Stream<DynamicTest> everyCallerAgainstEveryOperation() {
        List<ApiOperation> operations = ApiOperations.fetch(tokens.get(Caller.ADMIN));
        // A new operation must be added to the table (and so be given roles) before this test passes.
        Set<String> expected = new java.util.HashSet<>(ALLOWED.keySet());
        expected.addAll(ENROLLMENT_TOKEN_ONLY);
        assertThat(operations.stream().map(ApiOperation::key).collect(Collectors.toSet()))
                .as("operations of the OpenAPI document")
                .isEqualTo(expected);
        List<DynamicTest> cases = new ArrayList<>();
        for (ApiOperation operation : operations) {
            if (ENROLLMENT_TOKEN_ONLY.contains(operation.key())) {
                for (Caller caller : Caller.values()) {
                    cases.add(dynamicTest(
                            caller + "'s bearer token is no credential for " + operation,
                            () -> assertThat(operation
                                            .call(bearer(tokens.get(caller)))
                                            .statusCode())
                                    .as(caller + " " + operation)
                                    .isEqualTo(401)));
                }
                continue;
            }
            for (Caller caller : Caller.values()) {
                boolean allowed = ALLOWED.get(operation.key()).contains(caller);
                cases.add(dynamicTest(
                        caller + (allowed ? " may " : " may not ") + operation,
                        () -> assertOutcome(operation, caller, allowed)));
            }
        }
        return cases.stream();
    }

    @Test
    void theAgentServiceAccountCannotCreatePlans() {
        registerAgents("rm-src", "rm-dst");
        int before = planCount();
        given().header("Authorization", bearer(tokens.get(Caller.AGENT)))
                .contentType("application/yaml")
                .body(PlanFixtures.bytes(PlanFixtures.plan("agent-made", "rm-src", "rm-dst")))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(planCount()).isEqualTo(before);
    }

    @Test
    void anOperatorCreatesAPlanThatNamesItsServiceAccount() {
        registerAgents("rm-src", "rm-dst");
        given().header("Authorization", bearer(tokens.get(Caller.OPERATOR)))
                .contentType("application/yaml")
                .body(PlanFixtures.bytes(PlanFixtures.plan("operator-made", "rm-src", "rm-dst")))
                .when()
                .post("/api/v1/plans")
                .then()
                .statusCode(201)
                .body("createdBy", org.hamcrest.Matchers.equalTo("service-account-meshlift-test-operator"));
    }

    private static void assertOutcome(ApiOperation operation, Caller caller, boolean allowed) {
        Response response = operation.call(bearer(tokens.get(caller)));
        int status = response.statusCode();
        if (allowed) {
            assertThat(status).as(caller + " " + operation).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).as(caller + " " + operation).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).isEqualTo("urn:meshlift:problem:forbidden");
        }
    }

    private void registerAgents(String... ids) {
        for (String id : ids) {
            if (agentRows.findByIdOptional(id).isEmpty()) {
                agents.register(id, Instant.parse("2030-01-01T00:00:00Z"), new AgentVolume("data", 1, 2));
            }
        }
    }

    private static int planCount() {
        return given().header("Authorization", bearer(tokens.get(Caller.ADMIN)))
                .when()
                .get("/api/v1/plans")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }
}
