package io.meshlift.coordinator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error the REST API returns
 * ({@code application/problem+json}).
 *
 * @param type {@code about:blank} for plain HTTP errors, else a {@code urn:meshlift:problem:*} URI
 * @param title short, the same for every occurrence of the type
 * @param detail this occurrence, with the ids and values involved
 * @param instance the request path
 * @param errors one entry per invalid field ({@link FieldError}) or plan error ({@link PlanFieldError}), for
 *     validation problems only
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** @param field the query parameter, path parameter or body property that is wrong */
    public record FieldError(String field, String message) {}

    /**
     * One error of a plan file.
     *
     * @param line 1-based, 0 when the plan was not read from text
     * @param column 1-based, in code points; 0 with line 0
     * @param path the field, e.g. {@code spec.datasets[0].source.agent}
     */
    public record PlanFieldError(int line, int column, String path, String message) {}
}
