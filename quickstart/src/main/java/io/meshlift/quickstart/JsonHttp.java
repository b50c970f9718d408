package io.meshlift.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over HTTP for the launcher: one bounded exchange, non-2xx answers turned into a readable failure. */
final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The answer's body as JSON (or a missing node when empty), and its Location header. */
    record Answer(JsonNode body, Optional<String> location) {}

    Answer send(String method, URI uri, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QuickstartException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickstartException("interrupted during " + method + " " + uri);
        }
        if (response.statusCode() / 100 != 2) {
            // Problem documents and Keycloak's errors name what is wrong; neither echoes tokens or secrets.
            throw new QuickstartException(
                    method + " " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(json, response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new QuickstartException(method + " " + uri.getPath() + " answered something that is not JSON", e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
