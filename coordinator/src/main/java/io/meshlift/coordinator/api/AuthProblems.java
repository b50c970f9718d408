package io.meshlift.coordinator.api;

import java.util.List;

/**
 * The problems for 401 and 403, the same whether the HTTP layer (missing or invalid token) or a resource's
 * role check refused the request. They do not say why a token was refused: that is logged at DEBUG.
 */
public final class AuthProblems {

    /** RFC 6750: the scheme the API accepts, sent in {@code WWW-Authenticate} with every 401. */
    public static final String CHALLENGE = "Bearer";

    private static final String URN = "urn:meshlift:problem:";

    private AuthProblems() {}

    public static Problem unauthenticated(String path) {
        return new Problem(
                URN + "unauthenticated",
                "Unauthorized",
                401,
                "a valid bearer token of the Meshlift realm, issued for the coordinator, is required",
                path,
                List.of());
    }

    public static Problem forbidden(String path) {
        return new Problem(
                URN + "forbidden", "Forbidden", 403, "the token's roles do not allow this operation", path, List.of());
    }
}
