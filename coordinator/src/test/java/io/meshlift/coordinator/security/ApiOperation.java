package io.meshlift.coordinator.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * One operation of the REST API as its OpenAPI document lists it, with a request that is syntactically valid
 * enough to get past routing: path parameters filled with a UUID, a body of the first declared media type.
 */
record ApiOperation(String method, String pathTemplate, String path, String contentType, byte[] body) {

    /** No resource has this id; allowed callers get 404 or 409, never a change. */
    static final String SOME_ID = "5a1e5a1e-0000-4000-8000-000000000001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options");

    /** Every operation under {@code paths} of the document, in document order. */
    static List<ApiOperation> fromOpenApi(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
        List<ApiOperation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(of(method.toUpperCase(), path.getKey(), operation));
                }
            }
        }
        return operations;
    }

    private static ApiOperation of(String method, String template, JsonNode operation) {
        String path = template.replaceAll("\\{[^}]+}", SOME_ID);
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isMissingNode() || !content.fieldNames().hasNext()) {
            return new ApiOperation(method, template, path, null, null);
        }
        String type = content.fieldNames().next();
        String body = type.contains("json") ? "{\"planId\":\"" + SOME_ID + "\"}" : "not: [a valid plan";
        return new ApiOperation(method, template, path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /api/v1/jobs/{id}}: how the role table names the operation. */
    String key() {
        return method + " " + pathTemplate;
    }

    Response call(String authorization) {
        RequestSpecification request = given().redirects().follow(false);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (body != null) {
            request = request.contentType(contentType).body(body);
        }
        return request.request(method, path);
    }

    @Override
    public String toString() {
        return key();
    }
}
