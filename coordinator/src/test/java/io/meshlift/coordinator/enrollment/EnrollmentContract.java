package io.meshlift.coordinator.enrollment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.audit.LedgerRepository;
import io.meshlift.coordinator.keycloak.FakeAgentClients;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.KeyPairs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Enrollment over REST, on whichever database the subclass's profile selects: the happy path, and every
 * way of abusing a token or a CSR. Agent ids are unique per test, so the tests share one database.
 */
abstract class EnrollmentContract {

    private static final String PROBLEM = "urn:meshlift:problem:";

    @Inject
    EnrollmentTokenRepository tokens;

    @Inject
    LedgerRepository ledger;

    @Inject
    FakeAgentClients keycloak;

    @BeforeEach
    void keycloakUp() {
        keycloak.down(false);
    }

    /** Asks for a token as an admin. */
    static String issueToken(String agent) {
        return given().post("/api/v1/agents/{id}/enrollments", agent)
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("agentId", equalTo(agent))
                .extract()
                .path("token");
    }

    static Response enroll(String agent, String csr, String token) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("agentId", agent);
        body.put("csr", csr);
        if (token != null) {
            body.put("token", token);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/enroll");
    }

    static void assertRefused(Response response, int status, String type) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + type))
                .body("status", equalTo(status))
                .body("instance", equalTo("/api/v1/enroll"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void enrollsAnAgentWithItsTokenAndCsr() throws Exception {
        String token = issueToken("enr-ok");
        assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(keycloak.clients()).contains("meshlift-agent-enr-ok");

        Response response = enroll("enr-ok", EnrollmentFixtures.csr("enr-ok"), token);

        response.then()
                .statusCode(200)
                .body("agentId", equalTo("enr-ok"))
                .body("clientId", equalTo("meshlift-agent-enr-ok"))
                .body("clientSecret", equalTo(keycloak.secretOf("meshlift-agent-enr-ok")));
        X509Certificate certificate = certificate(response.path("certificateChain"));
        X509Certificate ca = certificate(response.path("caCertificate"));
        certificate.verify(ca.getPublicKey());
        assertThat(AgentIdentities.fromCertificate(certificate)).isEqualTo(AgentId.of("enr-ok"));
        assertThat(certificate.getSubjectAlternativeNames()).hasSize(1);
        assertThat(ledgerPayloads("AGENT_ENROLLED")).anyMatch(p -> p.contains("\"agent\":\"enr-ok\""));
        assertThat(ledgerPayloads("ENROLLMENT_TOKEN_ISSUED"))
                .anyMatch(p -> p.contains("enr-ok") && p.contains("alice") && !p.contains(token));
        assertThat(tokens.findById(EnrollmentTokens.hash(token)).usedAt).isNotNull();
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void acceptsTheTokenInAnEnrollmentAuthorizationHeader() {
        String token = issueToken("enr-header");

        given().contentType(ContentType.JSON)
                .header("Authorization", "Enrollment " + token)
                .body(Map.of("agentId", "enr-header", "csr", EnrollmentFixtures.csr("enr-header")))
                .post("/api/v1/enroll")
                .then()
                .statusCode(200)
                .body("clientId", equalTo("meshlift-agent-enr-header"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesAReusedToken() {
        String token = issueToken("enr-reuse");
        enroll("enr-reuse", EnrollmentFixtures.csr("enr-reuse"), token).then().statusCode(200);

        Response again = enroll("enr-reuse", EnrollmentFixtures.csr("enr-reuse"), token);

        assertRefused(again, 401, "enrollment-token-used");
        again.then().header("WWW-Authenticate", "Enrollment");
        assertThat(ledgerPayloads("ENROLLMENT_REFUSED"))
                .anyMatch(p -> p.contains("enr-reuse") && p.contains("TOKEN_USED") && !p.contains(token));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesAnExpiredToken() {
        String token = issueToken("enr-expired");
        expire(token);

        assertRefused(
                enroll("enr-expired", EnrollmentFixtures.csr("enr-expired"), token), 401, "enrollment-token-expired");
        assertThat(ledgerPayloads("ENROLLMENT_REFUSED"))
                .anyMatch(p -> p.contains("enr-expired") && p.contains("TOKEN_EXPIRED"));
    }

    @Test
    void refusesACsrWithoutToken() {
        Response response = enroll("enr-notoken", EnrollmentFixtures.csr("enr-notoken"), null);

        assertRefused(response, 401, "enrollment-token-missing");
        assertThat(ledgerPayloads("ENROLLMENT_REFUSED"))
                .anyMatch(p -> p.contains("enr-notoken") && p.contains("TOKEN_MISSING"));
    }

    @Test
    void refusesAnUnknownToken() {
        assertRefused(
                enroll("enr-unknown", EnrollmentFixtures.csr("enr-unknown"), "A".repeat(43)),
                401,
                "enrollment-token-unknown");
    }

    @Test
    void refusesAnOidcBearerInsteadOfAToken() {
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.")
                .body(Map.of("agentId", "enr-bearer", "csr", EnrollmentFixtures.csr("enr-bearer")))
                .post("/api/v1/enroll")
                .then()
                // Refused either by OIDC (a bogus bearer) or, with no token, by enrollment itself.
                .statusCode(401);
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesTheTokenOfAnotherAgent() {
        String tokenOfA = issueToken("enr-owner-a");
        issueToken("enr-owner-b");

        Response response = enroll("enr-owner-b", EnrollmentFixtures.csr("enr-owner-b"), tokenOfA);

        assertRefused(response, 403, "enrollment-token-for-other-agent");
        // The refusal did not spend A's token: A can still enroll.
        enroll("enr-owner-a", EnrollmentFixtures.csr("enr-owner-a"), tokenOfA)
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesACsrForAnotherAgentsId() {
        String token = issueToken("enr-victim-a");

        Response response = enroll("enr-victim-a", EnrollmentFixtures.csr("enr-victim-b"), token);

        assertRefused(response, 400, "enrollment-csr-rejected");
        response.then().body("detail", containsString("enr-victim-a"));
        assertThat(ledgerPayloads("ENROLLMENT_REFUSED"))
                .anyMatch(p -> p.contains("enr-victim-a") && p.contains("CSR_REJECTED"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesACsrWithExtraIdentities() {
        String token = issueToken("enr-extra");
        KeyPair keys = KeyPairs.generateEcP256();

        assertRefused(
                enroll(
                        "enr-extra",
                        EnrollmentFixtures.csr(
                                "enr-extra",
                                keys,
                                EnrollmentFixtures.agentUri("enr-extra"),
                                EnrollmentFixtures.agentUri("enr-other")),
                        token),
                400,
                "enrollment-csr-rejected");
        assertRefused(
                enroll(
                        "enr-extra",
                        EnrollmentFixtures.csr(
                                "enr-extra",
                                keys,
                                EnrollmentFixtures.agentUri("enr-extra"),
                                EnrollmentFixtures.dns("coordinator.example")),
                        token),
                400,
                "enrollment-csr-rejected");
        assertRefused(
                enroll(
                        "enr-extra",
                        EnrollmentFixtures.csr("enr-other", keys, EnrollmentFixtures.agentUri("enr-extra")),
                        token),
                400,
                "enrollment-csr-rejected");
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesAMalformedCsrWithoutSpendingTheToken() {
        String token = issueToken("enr-malformed");

        assertRefused(
                enroll(
                        "enr-malformed",
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                        token),
                400,
                "enrollment-csr-malformed");
        assertRefused(enroll("enr-malformed", "not pem", token), 400, "enrollment-csr-malformed");
        assertRefused(enroll("enr-malformed", null, token), 400, "enrollment-csr-malformed");

        enroll("enr-malformed", EnrollmentFixtures.csr("enr-malformed"), token)
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesACsrWithAnRsaKey() throws Exception {
        String token = issueToken("enr-rsa");

        assertRefused(
                enroll(
                        "enr-rsa",
                        EnrollmentFixtures.csr(
                                "enr-rsa", EnrollmentFixtures.rsaKeys(), EnrollmentFixtures.agentUri("enr-rsa")),
                        token),
                400,
                "enrollment-csr-rejected");
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesDifferentTokensInBodyAndHeader() {
        String token = issueToken("enr-twotokens");

        given().contentType(ContentType.JSON)
                .header("Authorization", "Enrollment " + "B".repeat(43))
                .body(Map.of(
                        "agentId", "enr-twotokens", "csr", EnrollmentFixtures.csr("enr-twotokens"), "token", token))
                .post("/api/v1/enroll")
                .then()
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "enrollment-invalid-request"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void aNewTokenReplacesTheUnusedOne() {
        String first = issueToken("enr-replaced");
        String second = issueToken("enr-replaced");

        assertRefused(
                enroll("enr-replaced", EnrollmentFixtures.csr("enr-replaced"), first), 401, "enrollment-token-unknown");
        enroll("enr-replaced", EnrollmentFixtures.csr("enr-replaced"), second)
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void aTokenEnrollsExactlyOnceUnderConcurrentRequests() throws Exception {
        String token = issueToken("enr-race");
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String csr = EnrollmentFixtures.csr("enr-race");
                calls.add(() -> enroll("enr-race", csr, token).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(requests - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledgerPayloads("AGENT_ENROLLED"))
                .filteredOn(p -> p.contains("\"enr-race\""))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void keycloakDownLeavesTheTokenUnspent() {
        String token = issueToken("enr-kcdown");
        keycloak.down(true);

        enroll("enr-kcdown", EnrollmentFixtures.csr("enr-kcdown"), token)
                .then()
                .statusCode(503)
                .body("type", equalTo(PROBLEM + "unavailable"));

        keycloak.down(false);
        enroll("enr-kcdown", EnrollmentFixtures.csr("enr-kcdown"), token).then().statusCode(200);
    }

    @Test
    void theTokenEndpointNeedsAnAuthenticatedAdmin() {
        given().post("/api/v1/agents/{id}/enrollments", "enr-anon").then().statusCode(401);
        assertThat(keycloak.clients()).doesNotContain("meshlift-agent-enr-anon");
    }

    @Test
    @TestSecurity(user = "olga", roles = "meshlift-operator")
    void operatorsCannotIssueTokens() {
        given().post("/api/v1/agents/{id}/enrollments", "enr-operator").then().statusCode(403);
        assertThat(keycloak.clients()).doesNotContain("meshlift-agent-enr-operator");
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void refusesAnInvalidAgentId() {
        given().post("/api/v1/agents/{id}/enrollments", "Not_An_Id")
                .then()
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "invalid-request"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void aRevokedAgentGetsNoTokenAndCannotEnroll() {
        String token = issueToken("enr-revoked");

        given().delete("/api/v1/agents/{id}", "enr-revoked").then().statusCode(204);

        assertThat(keycloak.isEnabled("meshlift-agent-enr-revoked")).isFalse();
        assertRefused(
                enroll("enr-revoked", EnrollmentFixtures.csr("enr-revoked"), token), 403, "enrollment-agent-revoked");
        given().post("/api/v1/agents/{id}/enrollments", "enr-revoked")
                .then()
                .statusCode(409)
                .body("type", equalTo(PROBLEM + "conflict"));
        // Idempotent.
        given().delete("/api/v1/agents/{id}", "enr-revoked").then().statusCode(204);
        assertThat(ledgerPayloads("AGENT_REVOKED"))
                .filteredOn(p -> p.contains("\"enr-revoked\""))
                .hasSize(1);
    }

    @Test
    @TestSecurity(user = "olga", roles = "meshlift-operator")
    void operatorsCannotRevoke() {
        given().delete("/api/v1/agents/{id}", "enr-op-revoke").then().statusCode(403);
    }

    void expire(String token) {
        QuarkusTransaction.requiringNew()
                .run(() -> tokens.findById(EnrollmentTokens.hash(token)).expiresAt =
                        Instant.now().minusSeconds(1));
    }

    List<String> ledgerPayloads(String kind) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ledger.find("kind", kind).list().stream()
                        .map(r -> r.payload)
                        .toList());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
