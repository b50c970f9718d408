package io.meshlift.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few realm administration calls tests make through Keycloak's admin REST API, as the master realm's
 * bootstrap administrator. A realm is imported before the services under test have ports; a browser
 * client's redirect URIs and web origins are then narrowed to the real address, as an administrator
 * would do after deploying.
 */
public final class RealmAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String realm;
    private final String adminUsername;
    private final String adminPassword;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RealmAdmin(String baseUrl, String realm, String adminUsername, String adminPassword) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /** Replaces the client's redirect URIs and web origins (the origins its browser code may call from). */
    public void setClientUrls(String clientId, List<String> redirectUris, List<String> webOrigins) {
        String token = adminToken();
        String clients = baseUrl + "/admin/realms/" + realm + "/clients";
        JsonNode found = readJson(send(
                HttpRequest.newBuilder(URI.create(clients + "?clientId=" + encode(clientId)))
                        .header("Authorization", "Bearer " + token)
                        .GET(),
                200,
                "find client " + clientId));
        if (found.size() != 1) {
            throw new IllegalArgumentException("realm " + realm + " has no client " + clientId);
        }
        ObjectNode client = (ObjectNode) found.get(0);
        client.set("redirectUris", JSON.valueToTree(redirectUris));
        client.set("webOrigins", JSON.valueToTree(webOrigins));
        send(
                HttpRequest.newBuilder(
                                URI.create(clients + "/" + client.path("id").asText()))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(client.toString())),
                204,
                "update client " + clientId);
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(adminUsername) + "&password="
                + encode(adminPassword);
        String body = send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                200,
                "administrator token");
        return readJson(body).path("access_token").asText();
    }

    private String send(HttpRequest.Builder request, int expected, String what) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                // Admin API and OAuth errors name the problem; they hold no secret.
                throw new IllegalStateException(
                        what + " in realm " + realm + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " in realm " + realm + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
