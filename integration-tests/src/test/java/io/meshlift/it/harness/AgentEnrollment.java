package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.core.pki.AgentCsrs;
import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.core.pki.Pem;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * Enrolls a harness agent the way an operator does: an admin asks the coordinator for a one-time
 * enrollment token, the agent sends a CSR of its own key with that token, and gets back its Keycloak
 * client's credentials. The agent keeps the certificate the harness issued (same mesh CA, same key);
 * what it needs from enrollment is its client, so its control-channel connections carry access tokens.
 */
public final class AgentEnrollment {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

    private AgentEnrollment() {}

    /**
     * @param credentials a directory for the client-secret file (0600)
     * @return the agent's {@code agent.coordinator.oidc.*} properties
     */
    public static Map<String, String> enroll(CoordinatorProcess coordinator, AgentFiles agent, Path credentials) {
        KeycloakServer keycloak = KeycloakServer.shared();
        String admin = keycloak.clientCredentialsToken(KeycloakServer.REALM, "meshlift-test-admin");
        String id = agent.id().toString();
        JsonNode issued =
                post(coordinator.baseUri().resolve("/api/v1/agents/" + id + "/enrollments"), "Bearer " + admin, "{}");
        KeyPair keys = new KeyPair(
                Pem.readCertificate(agent.certificate()).getPublicKey(), Pem.readPrivateKey(agent.privateKey()));
        Map<String, String> request = Map.of("agentId", id, "csr", Pem.encodeCsr(AgentCsrs.build(agent.id(), keys)));
        JsonNode enrolled;
        try {
            enrolled = post(
                    coordinator.baseUri().resolve("/api/v1/enroll"),
                    "Enrollment " + issued.path("token").asText(),
                    JSON.writeValueAsString(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path secret = writeSecret(credentials, enrolled.path("clientSecret").asText());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(
                "agent.coordinator.oidc.token-url",
                keycloak.realmUrl(KeycloakServer.REALM) + "/protocol/openid-connect/token");
        properties.put(
                "agent.coordinator.oidc.client-id", enrolled.path("clientId").asText());
        properties.put("agent.coordinator.oidc.client-secret-file", secret.toString());
        return properties;
    }

    private static JsonNode post(URI uri, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpCalls.send(HTTP, request, REQUEST_TIMEOUT);
        if (response.statusCode() / 100 != 2) {
            // The body is a problem document; it never echoes tokens or secrets.
            throw new IllegalStateException(
                    "POST " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeSecret(Path directory, String secret) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("client-secret");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
