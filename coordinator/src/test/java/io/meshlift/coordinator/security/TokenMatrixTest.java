package io.meshlift.coordinator.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.meshlift.testkit.keycloak.JwtParts;
import io.meshlift.testkit.keycloak.KeycloakServer;

import static io.meshlift.coordinator.security.KeycloakTokens.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Tokens that must not authenticate, each against an operation an admin may call: every one answers 401
 * with a problem. The control case (a valid admin token) shows the operation itself is reachable.
 */
@QuarkusTest
@TestProfile(KeycloakTestProfile.class)
class TokenMatrixTest {

    /** Allowed to the admin, the role every bad token below claims or would claim. */
    private static final String TARGET = "/api/v1/jobs";

    private static KeycloakServer keycloak;
    private static String admin;

    @BeforeAll
    static void obtainAdminToken() {
        keycloak = KeycloakServer.shared();
        admin = token(KeycloakServer.REALM, "meshlift-test-admin");
    }

    @Test
    void aValidAdminTokenIsAccepted() {
        given().header("Authorization", bearer(admin)).when().get(TARGET).then().statusCode(200);
    }

    @TestFactory
    Stream<DynamicTest> invalidTokensAreRefused() {
        Map<String, String> cases = new LinkedHashMap<>();
        String shortLived = token(KeycloakServer.REALM, "meshlift-test-shortlived");
        cases.put("token from another realm", bearer(token(KeycloakServer.OTHER_REALM, "meshlift-test-admin")));
        cases.put(
                "wrong issuer (requested at localhost)",
                bearer(keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-admin", "localhost")));
        cases.put("wrong audience", bearer(token(KeycloakServer.REALM, "meshlift-test-noaudience")));
        cases.put("signature altered", bearer(ForgedTokens.withAlteredSignature(admin)));
        cases.put(
                "claims altered (operator made admin)",
                bearer(ForgedTokens.elevatedToAdmin(token(KeycloakServer.REALM, "meshlift-test-operator"))));
        cases.put("alg none", bearer(ForgedTokens.unsigned(admin)));
        cases.put("expired", bearer(expired(shortLived)));
        return cases.entrySet().stream().map(c -> dynamicTest(c.getKey(), () -> assertRefused(c.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> malformedAuthorizationHeadersAreRefused() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("scheme only", "Bearer");
        cases.put("scheme and a space", "Bearer ");
        cases.put("not a JWT", "Bearer not-a-token");
        cases.put("three empty-ish parts", "Bearer a.b.c");
        cases.put("header part only", "Bearer " + JwtParts.of(admin).header());
        cases.put("two tokens", "Bearer " + admin + " " + admin);
        cases.put("token without scheme", admin);
        cases.put("other scheme with a valid token", "Token " + admin);
        cases.put(
                "basic credentials of a client",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("meshlift-test-admin:" + keycloak.clientSecret("meshlift-test-admin"))
                                        .getBytes(StandardCharsets.UTF_8)));
        cases.put("not Latin-1 noise", "Bearer \u00e9\u00e9\u00e9");
        return cases.entrySet().stream().map(c -> dynamicTest(c.getKey(), () -> assertRefused(c.getValue())));
    }

    private static void assertRefused(String authorization) {
        DenyByDefaultSweepTest.assertUnauthorized(
                given().header("Authorization", authorization).when().get(TARGET));
    }

    /** Waits (Awaitility, at most 30 s) until the token's exp lies two seconds in the past. */
    private static String expired(String token) {
        long exp = JwtParts.of(token).claims().path("exp").asLong();
        assertThat(exp).isPositive();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() >= exp + 2);
        return token;
    }

    private static String token(String realm, String clientId) {
        return keycloak.clientCredentialsToken(realm, clientId);
    }
}
