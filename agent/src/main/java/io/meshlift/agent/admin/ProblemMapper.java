package io.meshlift.agent.admin;

import java.util.List;
import java.util.Map;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.meshlift.agent.transfer.InvalidPullSpecException;
import io.meshlift.agent.transfer.PullConflictException;
import io.meshlift.agent.transfer.PullNotFoundException;
import io.meshlift.core.path.UnknownVolumeException;

/** The one place exceptions become RFC 9457 problem+json responses on the agent's admin API. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response map(Throwable error) {
        if (error instanceof InvalidPullSpecException invalid) {
            return problem(400, "Invalid pull", invalid.getMessage(), invalid.problems());
        }
        if (error instanceof UnknownVolumeException unknown) {
            return problem(400, "Unknown volume", unknown.getMessage(), List.of());
        }
        if (error instanceof PullNotFoundException) {
            return problem(404, "Not found", error.getMessage(), List.of());
        }
        if (error instanceof PullConflictException) {
            return problem(409, "Conflict", error.getMessage(), List.of());
        }
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return problem(
                    status,
                    Response.Status.fromStatusCode(status) == null
                            ? "Error"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(),
                    error.getMessage(),
                    List.of());
        }
        LOG.error("unexpected error in the admin API", error);
        return problem(500, "Internal error", "unexpected error; see the agent log", List.of());
    }

    private static Response problem(int status, String title, String detail, List<String> errors) {
        if (status < 500) {
            LOG.debugf("admin API answered %d: %s", status, detail);
        }
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(Map.of(
                        "title", title, "status", status, "detail", detail == null ? title : detail, "errors", errors))
                .build();
    }
}
