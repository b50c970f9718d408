package io.meshlift.cli.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An RFC 9457 problem as the coordinator answers errors: title, detail and, for validation problems, one
 * entry per wrong field or plan error. Bodies that are not problem+json are kept as their first line.
 *
 * @param errors each as one line: {@code line:column: path: message} for plan errors, {@code field:
 *     message} for fields
 */
public record ProblemDetail(int status, String type, String title, String detail, List<String> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PLAIN_BODY = 300;

    /** Reads an error answer, whatever it holds. */
    public static ProblemDetail parse(int status, String body) {
        JsonNode problem;
        try {
            problem = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            String text = body == null ? "" : body.strip().lines().findFirst().orElse("");
            if (text.length() > MAX_PLAIN_BODY) {
                text = text.substring(0, MAX_PLAIN_BODY) + "...";
            }
            return new ProblemDetail(status, "about:blank", text.isEmpty() ? "HTTP " + status : text, "", List.of());
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            if (error.has("line")) {
                String position = error.path("line").asInt() > 0
                        ? error.path("line").asInt() + ":"
                                + error.path("column").asInt() + ": "
                        : "";
                String path = error.path("path").asText("");
                errors.add(position
                        + (path.isEmpty() ? "" : path + ": ")
                        + error.path("message").asText());
            } else {
                errors.add(error.path("field").asText("?") + ": "
                        + error.path("message").asText());
            }
        }
        return new ProblemDetail(
                status,
                problem.path("type").asText("about:blank"),
                problem.path("title").asText("HTTP " + status),
                problem.path("detail").asText(""),
                errors);
    }

    /** {@code title: detail (HTTP status)}, then each error on its own indented line. */
    public String describe() {
        StringBuilder text = new StringBuilder(title);
        if (!detail.isEmpty() && !detail.equals(title)) {
            text.append(": ").append(detail);
        }
        text.append(" (HTTP ").append(status).append(')');
        errors.forEach(error -> text.append("\n  ").append(error));
        return text.toString();
    }
}
