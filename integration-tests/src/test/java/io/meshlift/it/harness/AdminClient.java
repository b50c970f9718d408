package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

/** The agent's local admin API over plain HTTP on loopback. */
public final class AdminClient {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final URI base;

    public AdminClient(int httpPort) {
        this.base = URI.create("http://127.0.0.1:" + httpPort);
    }

    /** @return true when {@code /q/health/ready} answers 200 */
    public boolean ready() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET())
                            .statusCode()
                    == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Starts a pull and requires the agent to accept it (202). */
    public PullStatus startPull(PullSpecJson spec) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/admin/v1/pulls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(spec))));
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /admin/v1/pulls answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body(), PullStatus.class);
    }

    public PullStatus pull(String id) {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(base.resolve("/admin/v1/pulls/" + id)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "GET /admin/v1/pulls/" + id + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body(), PullStatus.class);
    }

    /** Polls until the pull is SUCCEEDED, FAILED or CANCELLED and returns that final status. */
    public PullStatus awaitFinished(String id, Duration atMost) {
        return Awaitility.await("pull " + id + " to finish")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> pull(id), PullStatus::terminal);
    }

    public Served served() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve("/admin/v1/served")).GET());
        return read(response.body(), Served.class);
    }

    /** What an agent served to peers since it started. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Served(long manifests, long chunks, long bytes) {}

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return HttpCalls.send(http, request, REQUEST_TIMEOUT);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected answer: " + body, e);
        }
    }
}
