package io.meshlift.cli.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@code meshlift login} keeps between commands: where the coordinator and Keycloak are, how the
 * login was made, and the tokens. {@link #toString()} never shows a token.
 *
 * @param grant {@link #DEVICE} (a person) or {@link #CLIENT_CREDENTIALS} (a script)
 * @param clientSecretFile for client credentials: the file the secret is read from again when the access
 *     token expires (the secret itself is never stored); null for the device grant
 * @param refreshToken null when Keycloak issued none (client credentials)
 * @param refreshTokenExpiresAt null when the refresh token does not expire or there is none
 * @param principal who the token is for ({@code preferred_username}), for messages only
 */
public record Session(
        String coordinator,
        String issuer,
        String clientId,
        String grant,
        String clientSecretFile,
        String accessToken,
        Instant accessTokenExpiresAt,
        String refreshToken,
        Instant refreshTokenExpiresAt,
        String principal) {

    public static final String DEVICE = "device";
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    /** Tokens this close to expiry are renewed first, so that one does not expire on its way. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    public boolean accessTokenUsableAt(Instant now) {
        return accessToken != null && now.plus(EXPIRY_MARGIN).isBefore(accessTokenExpiresAt);
    }

    public boolean refreshTokenUsableAt(Instant now) {
        return refreshToken != null
                && (refreshTokenExpiresAt == null || now.plus(EXPIRY_MARGIN).isBefore(refreshTokenExpiresAt));
    }

    /** The same session with newly issued tokens. */
    Session withTokens(TokenResponse tokens, Instant now) {
        String refresh = tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken;
        Instant refreshExpiry = tokens.refreshToken() != null ? tokens.refreshExpiresAt(now) : refreshTokenExpiresAt;
        return new Session(
                coordinator,
                issuer,
                clientId,
                grant,
                clientSecretFile,
                tokens.accessToken(),
                tokens.expiresAt(now),
                refresh,
                refreshExpiry,
                tokens.principal().orElse(principal));
    }

    @Override
    public String toString() {
        return "Session[coordinator=" + coordinator + ", issuer=" + issuer + ", clientId=" + clientId + ", grant="
                + grant + ", principal=" + principal + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
