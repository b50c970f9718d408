package io.meshlift.agent.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admin API has no authentication of its own, so it answers loopback callers only, even if
 * someone binds the HTTP server to a public address by mistake. Deny by default.
 */
public class LoopbackOnlyFilter {

    @ServerRequestFilter(preMatching = true)
    public Response onlyLoopback(ContainerRequestContext context, HttpServerRequest request) {
        var address = request.remoteAddress();
        String host = address == null ? null : address.hostAddress();
        if (host != null && (host.startsWith("127.") || host.equals("0:0:0:0:0:0:0:1") || host.equals("::1"))) {
            return null;
        }
        return Response.status(Response.Status.FORBIDDEN)
                .type("application/problem+json")
                .entity(
                        "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"the agent admin API answers loopback callers only\"}")
                .build();
    }
}
