package io.meshlift.cli.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A token endpoint's answer. {@link #toString()} never shows a token.
 *
 * @param expiresIn seconds the access token is valid
 * @param refreshExpiresIn seconds the refresh token is valid; 0 when it does not expire or there is none
 */
record TokenResponse(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TokenResponse of(JsonNode body) {
        String access = body.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new IllegalStateException("the token endpoint answered without an access_token");
        }
        String refresh = body.path("refresh_token").asText("");
        return new TokenResponse(
                access,
                body.path("expires_in").asLong(60),
                refresh.isEmpty() ? null : refresh,
                body.path("refresh_expires_in").asLong(0));
    }

    Instant expiresAt(Instant now) {
        return now.plusSeconds(expiresIn);
    }

    Instant refreshExpiresAt(Instant now) {
        return refreshExpiresIn > 0 ? now.plusSeconds(refreshExpiresIn) : null;
    }

    /**
     * The {@code preferred_username} of the access token, read without checking the signature: it is only
     * shown to the person who logged in; the coordinator checks the token.
     */
    Optional<String> principal() {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String name = claims.path("preferred_username").asText("");
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", refresh=" + (refreshToken != null) + "]";
    }
}
