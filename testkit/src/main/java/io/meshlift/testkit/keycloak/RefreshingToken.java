package io.meshlift.testkit.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A client's access token for callers that outlive one token (a long integration test): the current token
 * while it is valid for at least another {@link #MARGIN}, else a new one. Thread-safe.
 */
public final class RefreshingToken implements Supplier<String> {

    /** A token closer to its expiry than this is replaced, so that it cannot expire in flight. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final KeycloakServer keycloak;
    private final String realm;
    private final String clientId;
    private String token;
    private Instant expiry = Instant.MIN;

    RefreshingToken(KeycloakServer keycloak, String realm, String clientId) {
        this.keycloak = keycloak;
        this.realm = realm;
        this.clientId = clientId;
    }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().plus(MARGIN).isAfter(expiry)) {
            token = keycloak.clientCredentialsToken(realm, clientId);
            expiry = Instant.ofEpochSecond(
                    JwtParts.of(token).claims().path("exp").asLong());
        }
        return token;
    }

    @Override
    public String toString() {
        // Never the token itself.
        return "RefreshingToken[" + realm + "/" + clientId + "]";
    }
}
