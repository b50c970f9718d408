package io.meshlift.it.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.it.harness.CoordinatorProcess;
import io.meshlift.it.harness.HttpCalls;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * The coordinator's REST API ({@code /api/v1}) as an operator or auditor calls it: plain HTTP on
 * loopback, JSON read as trees so that the test depends on field names, not on coordinator classes.
 * Plans, jobs and agents are called with the token of the realm's test operator, the audit ledger with
 * the test auditor's: each with the role the operation needs. Every method requires the documented
 * success status and fails with the answer's body otherwise.
 */
public final class CoordinatorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final URI base;
    private final Supplier<String> operator;
    private final Supplier<String> auditor;

    public CoordinatorApi(CoordinatorProcess coordinator) {
        this.base = coordinator.baseUri();
        KeycloakServer keycloak = coordinator.keycloak();
        this.operator = keycloak.refreshingToken(KeycloakServer.REALM, "meshlift-test-operator");
        this.auditor = keycloak.refreshingToken(KeycloakServer.REALM, "meshlift-test-auditor");
    }

    /** {@code GET} without a token: the status the coordinator answers, for deny-by-default checks. */
    public int statusWithoutToken(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), null).statusCode();
    }

    /** {@code GET /api/v1/agents}: every registered agent with its state. */
    public List<JsonNode> agents() {
        List<JsonNode> agents = new ArrayList<>();
        expect(200, get("/api/v1/agents", operator)).forEach(agents::add);
        return agents;
    }

    /** {@code POST /api/v1/plans} with a YAML body; 201 and the stored plan. */
    public JsonNode createPlan(String yaml) {
        return expect(
                201,
                send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/plans"))
                                .header("Content-Type", "application/yaml")
                                .POST(HttpRequest.BodyPublishers.ofString(yaml)),
                        operator));
    }

    /** {@code POST /api/v1/jobs} {@code {planId}}; 201 and the new job. */
    public JsonNode startJob(String planId) {
        return expect(
                201,
                send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("planId", planId)))),
                        operator));
    }

    /** {@code POST /api/v1/jobs} {@code {planId, dryRun: true}}; 200 and what a job would move. */
    JsonNode dryRun(String planId) {
        return expect(
                200,
                send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        write(Map.of("planId", planId, "dryRun", true)))),
                        operator));
    }

    /** {@code GET /api/v1/jobs/{id}}: state and per-transfer progress. */
    public JsonNode job(String id) {
        return expect(200, get("/api/v1/jobs/" + id, operator));
    }

    /** {@code GET /api/v1/audit/ledger/verify}, the whole chain. */
    JsonNode verifyLedger() {
        return expect(200, get("/api/v1/audit/ledger/verify", auditor));
    }

    /** {@code GET /api/v1/audit/ledger/verify?jobId=}, the segment holding the job's records. */
    JsonNode verifyLedger(String jobId) {
        return expect(200, get("/api/v1/audit/ledger/verify?jobId=" + jobId, auditor));
    }

    /** {@code GET /api/v1/audit/ledger/export?jobId=}: the job's chain segment, one record per line. */
    List<JsonNode> exportLedger(String jobId) {
        HttpResponse<String> response = get("/api/v1/audit/ledger/export?jobId=" + jobId, auditor);
        if (response.statusCode() != 200) {
            throw new AssertionError(describe(response));
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                records.add(read(line));
            }
        }
        return records;
    }

    /**
     * The payload of an exported ledger record as JSON. The export carries it as canonical JSON text
     * (its SHA-256 is {@code payloadSha256}); records of other jobs carry none ({@code null} here).
     */
    static JsonNode payload(JsonNode record) {
        JsonNode payload = record.get("payload");
        if (payload == null || payload.isNull()) {
            return null;
        }
        return payload.isTextual() ? read(payload.asText()) : payload;
    }

    private HttpResponse<String> get(String path, Supplier<String> token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + describe(response));
        }
        return read(response.body());
    }

    private static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.uri() + " answered " + response.statusCode() + ": "
                + response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Supplier<String> token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token.get());
        }
        return HttpCalls.send(http, request, REQUEST_TIMEOUT);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected answer: " + body, e);
        }
    }
}
