package io.meshlift.coordinator.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.api.Problem;

/**
 * The dashboard's HTTP surface besides its static files ({@code META-INF/resources/dashboard/}): security
 * headers on everything under {@code /dashboard/}, {@code /dashboard} redirected to {@code /dashboard/}, and
 * {@code /dashboard/config.json}, which tells the page where to sign in. These paths are open
 * ({@code quarkus.http.auth.permission.dashboard}) and hold no data: every figure the page shows comes from
 * {@code /api/v1} with the signed-in person's bearer token.
 */
@ApplicationScoped
class DashboardRoutes {

    private static final Logger LOG = Logger.getLogger(DashboardRoutes.class);
    /** Before Quarkus' authentication and static-file handlers, so every answer carries the headers. */
    private static final int HEADERS_ORDER = -10_000;

    private final DashboardConfig config;
    private final OidcProviderEndpoints provider;
    private final ObjectMapper json;

    DashboardRoutes(DashboardConfig config, OidcProviderEndpoints provider, ObjectMapper json) {
        this.config = config;
        this.provider = provider;
        this.json = json;
    }

    void install(@Observes Router router) {
        SecurityHeaders headers = new SecurityHeaders(provider.realmOrigin());
        router.route("/dashboard/*").order(HEADERS_ORDER).handler(context -> {
            context.addHeadersEndHandler(end -> headers.apply(context.response().headers()));
            context.next();
        });
        // Vert.x matches "/dashboard" for "/dashboard/" too: only the bare path is redirected.
        router.route("/dashboard").handler(context -> {
            if ("/dashboard".equals(context.request().path())) {
                context.redirect("/dashboard/");
            } else {
                context.next();
            }
        });
        // Reading the discovery document blocks (once): off the event loop.
        router.get("/dashboard/config.json").blockingHandler(this::config);
    }

    private void config(RoutingContext context) {
        try {
            OidcProviderEndpoints.Endpoints endpoints = provider.endpoints();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("issuer", endpoints.issuer());
            body.put("clientId", config.clientId());
            body.put("authorizationEndpoint", endpoints.authorization());
            body.put("tokenEndpoint", endpoints.token());
            body.put("endSessionEndpoint", endpoints.endSession());
            body.put("apiBase", "/api/v1");
            context.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(write(body));
        } catch (OidcProviderUnavailableException e) {
            LOG.warnf("dashboard sign-in is unavailable: %s", e.getMessage());
            Problem problem = new Problem(
                    "urn:meshlift:problem:identity-provider-unavailable",
                    "Identity provider unavailable",
                    503,
                    "the coordinator cannot read its Keycloak realm's discovery document; sign-in is not possible"
                            + " until it can (the coordinator log says why)",
                    context.request().path(),
                    null);
            context.response()
                    .setStatusCode(503)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(write(problem));
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the dashboard configuration", e);
        }
    }
}
