package io.meshlift.coordinator.api;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.meshlift.coordinator.error.ResourceNotFoundException;
import io.meshlift.coordinator.error.StateConflictException;
import io.meshlift.core.plan.InvalidPlanException;

/**
 * The one place exceptions become RFC 9457 {@code application/problem+json} responses. Expected client
 * errors (4xx) are logged at DEBUG, anything else at ERROR with a reference the client also receives.
 * Each method handles one family so that the most specific mapper wins over Quarkus' built-in ones.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String URN = "urn:meshlift:problem:";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException error, UriInfo uri) {
        if (isReturnValueViolation(error)) {
            return unexpected(error, uri);
        }
        List<Problem.FieldError> errors = error.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.size() == 1
                ? "1 field is invalid: " + errors.get(0).field()
                : errors.size() + " fields are invalid";
        return respond(new Problem(URN + "invalid-request", "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException error, UriInfo uri) {
        List<Problem.PlanFieldError> errors = error.errors().stream()
                .map(e -> new Problem.PlanFieldError(e.line(), e.column(), e.path(), e.message()))
                .toList();
        String detail = errors.size() == 1 ? "the plan has 1 error" : "the plan has " + errors.size() + " errors";
        return respond(new Problem(URN + "invalid-plan", "Invalid plan", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException error, UriInfo uri) {
        return respond(new Problem(URN + "not-found", "Not found", 404, error.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response conflict(StateConflictException error, UriInfo uri) {
        return respond(new Problem(URN + "conflict", "Conflict", 409, error.getMessage(), path(uri), List.of()));
    }

    /** A resource's role check ({@code @RolesAllowed}) refused an authenticated caller. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error, UriInfo uri) {
        return respond(AuthProblems.forbidden(path(uri)));
    }

    /** No or no valid token, noticed inside a resource (the HTTP layer usually answers first). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException error, UriInfo uri) {
        return Response.fromResponse(respond(AuthProblems.unauthenticated(path(uri))))
                .header(HttpHeaders.WWW_AUTHENTICATE, AuthProblems.CHALLENGE)
                .build();
    }

    /** Routing and protocol errors raised by Quarkus REST itself: unknown path, wrong method, bad media type. */
    @ServerExceptionMapper
    public Response http(WebApplicationException error, UriInfo uri) {
        Response original = error.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(error, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? original.getStatusInfo().getReasonPhrase() : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "the resource at " + path(uri) + " does not support this method";
            default -> title;
        };
        Response response = respond(new Problem("about:blank", title, status, detail, path(uri), List.of()));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null
                ? response
                : Response.fromResponse(response)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(error, "unexpected error answering %s (reference %s)", path(uri), reference);
        return respond(new Problem(
                URN + "internal-error",
                "Internal error",
                500,
                "the coordinator failed unexpectedly; its log has the cause under reference " + reference,
                path(uri),
                List.of()));
    }

    private static Response respond(Problem problem) {
        if (problem.status() < 500) {
            LOG.debugf("answered %d to %s: %s", problem.status(), problem.instance(), problem.detail());
        }
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static boolean isReturnValueViolation(ConstraintViolationException error) {
        for (ConstraintViolation<?> violation : error.getConstraintViolations()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The parameter or property name: the last node of a path such as {@code verify.jobId}. */
    private static String fieldName(Path path) {
        String name = null;
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name == null ? path.toString() : name;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
