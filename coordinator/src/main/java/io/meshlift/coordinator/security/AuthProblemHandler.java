package io.meshlift.coordinator.security;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.meshlift.coordinator.api.AuthProblems;

/**
 * A 403 decided by the HTTP layer (an HTTP permission that an authenticated caller does not satisfy) becomes
 * a problem like every other error. 401s are written by {@link ProblemChallengeMechanism}; refusals inside resources
 * ({@code @RolesAllowed}) by {@link io.meshlift.coordinator.api.ProblemMapper}.
 */
@Singleton
class AuthProblemHandler {

    private final AuthProblemWriter writer;

    AuthProblemHandler(AuthProblemWriter writer) {
        this.writer = writer;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        boolean forbidden = context.failure() instanceof ForbiddenException
                || (context.failure() == null && context.statusCode() == 403);
        if (forbidden && !context.response().headWritten()) {
            writer.write(context, AuthProblems.forbidden(context.normalizedPath()));
        } else {
            context.next();
        }
    }
}
