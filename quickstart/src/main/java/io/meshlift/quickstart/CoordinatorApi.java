package io.meshlift.quickstart;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The coordinator's REST API as the launcher uses it, each call with the least role it needs: admin for
 * enrollment tokens, operator for plans and jobs, auditor for the audit and the ledger.
 */
final class CoordinatorApi {

    private final URI base;
    private final JsonHttp http = new JsonHttp();
    private final Supplier<String> admin;
    private final Supplier<String> operator;
    private final Supplier<String> auditor;

    CoordinatorApi(URI base, Supplier<String> admin, Supplier<String> operator, Supplier<String> auditor) {
        this.base = base;
        this.admin = admin;
        this.operator = operator;
        this.auditor = auditor;
    }

    /** A one-time enrollment token for the agent ({@code POST /api/v1/agents/{id}/enrollments}). */
    String enrollmentToken(String agent) {
        return http.send(
                        "POST",
                        uri("/api/v1/agents/" + agent + "/enrollments"),
                        bearer(admin),
                        "application/json",
                        "{}")
                .body()
                .path("token")
                .asText();
    }

    JsonNode agents() {
        return http.send("GET", uri("/api/v1/agents"), bearer(operator), null, null)
                .body();
    }

    JsonNode createPlan(String yaml) {
        return http.send("POST", uri("/api/v1/plans"), bearer(operator), "application/yaml", yaml)
                .body();
    }

    JsonNode startJob(String planId) {
        return http.send(
                        "POST",
                        uri("/api/v1/jobs"),
                        bearer(operator),
                        "application/json",
                        JsonHttp.json(Map.of("planId", planId)))
                .body();
    }

    JsonNode job(String jobId) {
        return http.send("GET", uri("/api/v1/jobs/" + jobId), bearer(operator), null, null)
                .body();
    }

    /** The job's audit: per transfer, file counts by status (one file row is enough; the counts are totals). */
    JsonNode audit(String jobId) {
        return http.send("GET", uri("/api/v1/jobs/" + jobId + "/audit?limit=1"), bearer(auditor), null, null)
                .body();
    }

    JsonNode verifyLedger(String jobId) {
        return http.send("GET", uri("/api/v1/audit/ledger/verify?jobId=" + jobId), bearer(auditor), null, null)
                .body();
    }

    JsonNode verifyLedger() {
        return http.send("GET", uri("/api/v1/audit/ledger/verify"), bearer(auditor), null, null)
                .body();
    }

    URI base() {
        return base;
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private static String bearer(Supplier<String> tokens) {
        return JsonHttp.bearer(tokens.get());
    }
}
