package io.meshlift.agent.auth;

import java.time.Instant;

/**
 * An access token and when to replace it.
 *
 * @param refreshAt when 70% of its lifetime has passed: fetch (and send) a new one from then on
 */
public record AccessToken(String value, Instant refreshAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, refreshAt=" + refreshAt + ", expiresAt=" + expiresAt + "]";
    }
}
