package io.meshlift.coordinator.control;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import io.meshlift.core.pki.AgentCsrs;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.KeyPairs;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.core.pki.Pem;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.testkit.keycloak.KeycloakServer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrollment and the control channel against a real Keycloak: the coordinator creates the agent's client,
 * the agent's own client-credentials token (with its enrolled certificate) is accepted, and every mismatch
 * of token and certificate is refused.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer keycloak = KeycloakServer.shared();

    /** Enrolls {@code agent} as {@code meshlift agent enroll} does; writes its files where FakeAgent finds them. */
    private static String enroll(String agent) {
        String token = given().post("/api/v1/agents/{id}/enrollments", agent)
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        KeyPair keys = KeyPairs.generateEcP256();
        Response enrolled = given().contentType(ContentType.JSON)
                .header("Authorization", "Enrollment " + token)
                .body(Map.of("agentId", agent, "csr", Pem.encodeCsr(AgentCsrs.build(AgentId.of(agent), keys))))
                .post("/api/v1/enroll");
        enrolled.then().statusCode(200);
        Path dir = KeycloakMeshResource.meshDirectory.resolve(agent);
        Pem.writePrivateKey(dir.resolve(LocalMesh.AGENT_KEY), keys.getPrivate());
        Pem.writeCertificates(
                dir.resolve(LocalMesh.AGENT_CERTIFICATE),
                Pem.parseCertificates(enrolled.path("certificateChain"), "chain"));
        assertThat((String) enrolled.path("clientId")).isEqualTo("meshlift-agent-" + agent);
        return enrolled.path("clientSecret");
    }

    /** The client-credentials grant, as the agent's token source performs it. */
    private HttpResponse<String> tokenRequest(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        keycloak.realmUrl(KeycloakServer.REALM) + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(String clientId, String secret) throws Exception {
        HttpResponse<String> response = tokenRequest(clientId, secret);
        assertThat(response.statusCode()).as("token of %s", clientId).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private FakeAgent connect(String certifiedAs, String token, ControlServer server) throws Exception {
        return FakeAgent.connect(
                KeycloakMeshResource.meshDirectory.resolve(LocalMesh.CA_CERTIFICATE),
                certifiedAs,
                server.port(),
                token);
    }

    @jakarta.inject.Inject
    ControlServer server;

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void enrolledAgentsTokensWorkOnlyWithTheirOwnCertificate() throws Exception {
        String alphaSecret = enroll("kc-alpha");
        String bravoSecret = enroll("kc-bravo");
        String alphaToken = accessToken("meshlift-agent-kc-alpha", alphaSecret);
        String bravoToken = accessToken("meshlift-agent-kc-bravo", bravoSecret);

        try (FakeAgent alpha = connect("kc-alpha", alphaToken, server).register()) {
            alpha.next(CoordinatorMessage.BodyCase.WELCOME);
        }
        try (FakeAgent impostor = connect("kc-alpha", bravoToken, server).register()) {
            Status status = impostor.awaitClosed();
            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription()).contains("meshlift-agent-kc-bravo");
        }
        String testAgentToken = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-agent");
        try (FakeAgent noClient = connect("kc-alpha", testAgentToken, server).register()) {
            assertThat(noClient.awaitClosed().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        String otherRealm = keycloak.clientCredentialsToken(KeycloakServer.OTHER_REALM, "meshlift-test-admin");
        try (FakeAgent wrongRealm = connect("kc-alpha", otherRealm, server).register()) {
            assertThat(wrongRealm.awaitClosed().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "meshlift-admin")
    void reEnrollmentRotatesTheSecretAndRevocationDisablesTheClient() throws Exception {
        String first = enroll("kc-charlie");
        String second = enroll("kc-charlie");
        assertThat(tokenRequest("meshlift-agent-kc-charlie", first).statusCode())
                .isEqualTo(401);
        accessToken("meshlift-agent-kc-charlie", second);

        given().delete("/api/v1/agents/{id}", "kc-charlie").then().statusCode(204);

        assertThat(tokenRequest("meshlift-agent-kc-charlie", second).statusCode())
                .isIn(400, 401);
        assertThat(List.of(first, second)).doesNotHaveDuplicates();
    }
}
