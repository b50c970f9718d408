package io.meshlift.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

/**
 * The coordinator's REST API ({@code /api/v1}) with the stored login's bearer token. Answers are JSON
 * trees, so the CLI depends on field names, not on coordinator classes. Every error answer becomes a
 * {@link CliException} carrying the problem's title and detail and the exit code for its status.
 */
public final class CoordinatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Supplier<String> token;

    public CoordinatorClient(URI base, Supplier<String> token) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.token = token;
    }

    public URI base() {
        return base;
    }

    /** {@code path} with one user-given value (an id) as a path segment, escaped. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return json(send(request(path).header("Accept", "application/json").GET()));
    }

    public JsonNode postJson(String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(send(request(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
    }

    public JsonNode postYaml(String path, String yaml) {
        return json(send(request(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))));
    }

    /**
     * A streamed answer (an export, server-sent events): no overall timeout, the body read as it comes.
     * The caller closes the stream.
     */
    public InputStream stream(String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", accept)
                .GET()
                .build();
        HttpResponse<InputStream> response = Http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw failure(response.statusCode(), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .timeout(Http.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token.get());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response = Http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body().isBlank() ? "null" : response.body());
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "the coordinator answered something that is not JSON", e);
        }
    }

    /** The exit code and message for an error answer. */
    static CliException failure(int status, String body) {
        ProblemDetail problem = ProblemDetail.parse(status, body);
        String message = "coordinator: " + problem.describe();
        return switch (status) {
            case 401 -> new CliException(ExitCodes.AUTH, message + "\n  (run meshlift login)");
            case 403 ->
                new CliException(
                        ExitCodes.AUTH, message + "\n  (the login lacks the role this needs; see docs/cli.md)");
            case 404 -> new CliException(ExitCodes.NOT_FOUND, message);
            case 409 -> new CliException(ExitCodes.CONFLICT, message);
            case 502, 503, 504 -> new CliException(ExitCodes.UNREACHABLE, message);
            default -> new CliException(ExitCodes.FAILURE, message);
        };
    }
}
