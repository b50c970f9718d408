package io.meshlift.coordinator.security;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.api.Problem;

/** Writes a 401 or 403 problem straight to the Vert.x response, for refusals made before Quarkus REST. */
@Singleton
class AuthProblemWriter {

    private static final Logger LOG = Logger.getLogger(AuthProblemWriter.class);

    private final ObjectMapper json;

    AuthProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    void write(RoutingContext context, Problem problem) {
        // Why a token was refused (expired, wrong issuer, ...) stays in the DEBUG log of quarkus-oidc: telling
        // the caller helps an attacker more than a legitimate client.
        LOG.debugf("answered %d to %s %s", problem.status(), context.request().method(), problem.instance());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + problem, e);
        }
        context.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body);
    }
}
