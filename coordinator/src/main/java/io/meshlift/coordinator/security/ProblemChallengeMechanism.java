package io.meshlift.coordinator.security;

import java.util.Set;
import jakarta.inject.Singleton;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.meshlift.coordinator.api.AuthProblems;

/**
 * Authenticates nobody; it only answers the 401 challenge, first of all mechanisms, with a bearer challenge
 * and an {@code application/problem+json} body like every other error. Quarkus sends the challenge when a
 * caller without a token reaches a path that needs one.
 */
@Singleton
class ProblemChallengeMechanism implements HttpAuthenticationMechanism {

    private final AuthProblemWriter writer;

    ProblemChallengeMechanism(AuthProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", AuthProblems.CHALLENGE));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response().putHeader("WWW-Authenticate", AuthProblems.CHALLENGE);
            writer.write(context, AuthProblems.unauthenticated(context.normalizedPath()));
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Asked before the OIDC mechanism (priority 1000), so its challenge is the one sent. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
