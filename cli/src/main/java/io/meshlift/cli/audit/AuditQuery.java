package io.meshlift.cli.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.meshlift.cli.api.CoordinatorClient;

/** Builds {@code /api/v1/jobs/{id}/audit[/export]?...} with its parameters escaped; null values are left out. */
final class AuditQuery {

    private final String path;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private AuditQuery(String path) {
        this.path = path;
    }

    static AuditQuery page(String jobId) {
        return new AuditQuery("/api/v1/jobs/" + CoordinatorClient.segment(jobId) + "/audit");
    }

    static AuditQuery export(String jobId) {
        return new AuditQuery("/api/v1/jobs/" + CoordinatorClient.segment(jobId) + "/audit/export");
    }

    AuditQuery with(String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
        return this;
    }

    String build() {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?"
                + parameters.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }
}
