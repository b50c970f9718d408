package io.meshlift.coordinator.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.agentauth.AgentToken;
import io.meshlift.coordinator.agentauth.AgentTokenRejectedException;
import io.meshlift.coordinator.agentauth.AgentTokenVerifier;
import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.core.pki.AgentId;

/**
 * Token authentication of the control channel, on top of mTLS: with {@code coordinator.control.require-token}
 * (the default) every Connect needs {@code authorization: Bearer <token>} of the certificate's agent, and
 * the stream lives only as long as its latest token.
 */
final class ControlAuth {

    private static final Logger LOG = Logger.getLogger(ControlAuth.class);
    private static final String BEARER = "Bearer ";

    /** Null when tokens are not required. */
    private final AgentTokenVerifier verifier;

    private ControlAuth(AgentTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @throws IllegalStateException if tokens are required but no issuer is configured: the coordinator
     *     must not start a channel it cannot secure
     */
    static ControlAuth from(CoordinatorConfig.Control config, ObjectMapper json) {
        if (!config.requireToken()) {
            LOG.warn("coordinator.control.require-token=false: agents are authenticated by their certificate only,"
                    + " without Keycloak tokens. Never run a production mesh like this.");
            return new ControlAuth(null);
        }
        String issuer = config.oidc()
                .issuer()
                .orElseThrow(() -> new IllegalStateException("coordinator.control.require-token is true but"
                        + " coordinator.control.oidc.issuer is not set: the control channel cannot verify agents'"
                        + " tokens"));
        String jwks = config.oidc().jwksUrl().orElse(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/certs");
        LOG.infof("control channel requires agents' access tokens from %s (JWKS %s)", issuer, jwks);
        return new ControlAuth(new AgentTokenVerifier(
                URI.create(jwks),
                issuer,
                config.oidc().audience(),
                config.oidc().agentRole(),
                config.oidc().clockSkew(),
                Clock.systemUTC(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                json));
    }

    boolean required() {
        return verifier != null;
    }

    /**
     * Checks the Connect call's authorization metadata.
     *
     * @return when the stream's token expires; null when tokens are not required
     * @throws AgentTokenRejectedException if a required token is missing or refused
     */
    Instant authenticate(String authorization, AgentId agent) {
        if (verifier == null) {
            return null;
        }
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
        return verifier.verify(token, agent).expiresAt();
    }

    /**
     * Checks a Reauthenticate's token.
     *
     * @return its expiry; null when tokens are not required
     */
    Instant reauthenticate(String token, AgentId agent) {
        if (verifier == null) {
            return null;
        }
        AgentToken verified = verifier.verify(token, agent);
        return verified.expiresAt();
    }
}
