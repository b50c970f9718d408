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

import io.meshlift.coordinator.enrollment.EnrollmentRefusedException;
import io.meshlift.coordinator.enrollment.EnrollmentUnavailableException;
import io.meshlift.coordinator.error.ResourceNotFoundException;
import io.meshlift.coordinator.error.StateConflictException;
import io.meshlift.coordinator.keycloak.IdentityProviderUnavailableException;
import io.meshlift.coordinator.survey.SourceAgentUnavailableException;
import io.meshlift.coordinator.survey.SurveyFailedException;
import io.meshlift.coordinator.survey.SurveyTimeoutException;
import io.meshlift.core.pki.InvalidAgentIdException;
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

    @ServerExceptionMapper
    public Response invalidAgentId(InvalidAgentIdException error, UriInfo uri) {
        return respond(
                new Problem(URN + "invalid-request", "Invalid request", 400, error.getMessage(), path(uri), List.of()));
    }

    /**
     * Refused enrollments: a missing, unknown, spent or expired token is 401 (the token is the credential),
     * a token of another agent or a revoked agent 403, a bad request or CSR 400. The type names the reason
     * ({@code urn:meshlift:problem:enrollment-token-used}), so clients can tell them apart.
     */
    @ServerExceptionMapper
    public Response enrollmentRefused(EnrollmentRefusedException error, UriInfo uri) {
        int status = switch (error.reason()) {
            case TOKEN_MISSING, TOKEN_UNKNOWN, TOKEN_USED, TOKEN_EXPIRED -> 401;
            case TOKEN_FOR_OTHER_AGENT, AGENT_REVOKED -> 403;
            case INVALID_REQUEST, CSR_MALFORMED, CSR_REJECTED -> 400;
        };
        String type = URN + "enrollment-"
                + error.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Response response =
                respond(new Problem(type, "Enrollment refused", status, error.getMessage(), path(uri), List.of()));
        return status == 401
                ? Response.fromResponse(response)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Enrollment")
                        .build()
                : response;
    }

    /** Enrollment's dependencies (mesh CA, Keycloak) are missing or failing: the client may retry later. */
    @ServerExceptionMapper
    public Response enrollmentUnavailable(EnrollmentUnavailableException error, UriInfo uri) {
        return unavailable(error, uri);
    }

    @ServerExceptionMapper
    public Response identityProviderUnavailable(IdentityProviderUnavailableException error, UriInfo uri) {
        return unavailable(error, uri);
    }

    /** A dry run's source agent is unknown, offline, on another replica or not reading its stream. */
    @ServerExceptionMapper
    public Response sourceAgentUnavailable(SourceAgentUnavailableException error, UriInfo uri) {
        LOG.warnf("answered 503 to %s: %s", path(uri), error.getMessage());
        return respond(new Problem(
                URN + "agent-unavailable", "Source agent unavailable", 503, error.getMessage(), path(uri), List.of()));
    }

    /** A dry run's source agent did not answer within the deadline. */
    @ServerExceptionMapper
    public Response surveyTimeout(SurveyTimeoutException error, UriInfo uri) {
        LOG.warnf("answered 504 to %s: %s", path(uri), error.getMessage());
        return respond(new Problem(
                URN + "agent-timeout", "Source agent did not answer", 504, error.getMessage(), path(uri), List.of()));
    }

    /** A dry run's source agent answered that it cannot count the dataset the plan names. */
    @ServerExceptionMapper
    public Response surveyFailed(SurveyFailedException error, UriInfo uri) {
        return respond(new Problem(
                URN + "survey-failed", "Dataset cannot be surveyed", 422, error.getMessage(), path(uri), List.of()));
    }

    private static Response unavailable(RuntimeException error, UriInfo uri) {
        LOG.warnf("answered 503 to %s: %s", path(uri), error.getMessage());
        return respond(
                new Problem(URN + "unavailable", "Service unavailable", 503, error.getMessage(), path(uri), List.of()));
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
