package io.meshlift.agent.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent's Keycloak access token (OAuth 2 client credentials), cached and renewed once 70% of its
 * lifetime has passed, so a fresh token is in hand well before the old one expires. The client secret is
 * read from its file on every request (so a rotated secret is picked up) and never logged; errors name the
 * token URL and status, never the secret or a token. Thread-safe.
 */
public final class ClientCredentialsTokens {

    /** Share of a token's lifetime after which it is renewed. */
    static final double REFRESH_AT = 0.7;

    private final URI tokenUrl;
    private final String clientId;
    private final Path secretFile;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private AccessToken current;

    public ClientCredentialsTokens(
            URI tokenUrl, String clientId, Path secretFile, HttpClient http, ObjectMapper json, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.secretFile = secretFile;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A token, from the cache unless it is due for renewal.
     *
     * @throws TokenUnavailableException if a new token is needed and Keycloak does not give one
     */
    public synchronized AccessToken current() {
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            current = fetch();
        }
        return current;
    }

    private AccessToken fetch() {
        String secret;
        try {
            secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new TokenUnavailableException("cannot read the client secret file " + secretFile + ": " + e, e);
        }
        String form =
                "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret);
        Instant requested = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(tokenUrl)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("cannot reach the token endpoint " + tokenUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while asking " + tokenUrl + " for a token", e);
        }
        if (response.statusCode() != 200) {
            // The body of an OAuth error says e.g. "invalid_client"; it never echoes the secret.
            throw new TokenUnavailableException("the token endpoint " + tokenUrl + " refused client " + clientId
                    + " with " + response.statusCode() + ": " + error(response.body()));
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.path("access_token").asText("");
            long lifetime = body.path("expires_in").asLong(0);
            if (token.isEmpty() || lifetime <= 0) {
                throw new TokenUnavailableException(
                        "the token endpoint " + tokenUrl + " answered without access_token or expires_in");
            }
            Instant expiresAt = requested.plusSeconds(lifetime);
            Instant refreshAt = requested.plusMillis((long) (lifetime * 1000 * REFRESH_AT));
            return new AccessToken(token, refreshAt, expiresAt);
        } catch (IOException e) {
            throw new TokenUnavailableException("the token endpoint " + tokenUrl + " answered with invalid JSON", e);
        }
    }

    private String error(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("error").asText("?") + " "
                    + node.path("error_description").asText("");
        } catch (IOException e) {
            return "(no OAuth error in the answer)";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
