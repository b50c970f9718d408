package io.meshlift.coordinator.agentauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.core.pki.AgentId;

/**
 * Verifies an agent's Keycloak access token (a JWS) for the agent its mTLS certificate names. Every check
 * is always on:
 *
 * <ol>
 *   <li>compact JWS with algorithm RS256 or ES256 (never {@code none}, never HMAC: the realm's public keys
 *       must not double as shared secrets) and a key id found in the realm's JWKS;
 *   <li>a valid signature by that key;
 *   <li>{@code iss} equal to the configured issuer, {@code aud} containing the coordinator's audience,
 *       {@code exp} in the future and {@code nbf} (if any) in the past, both with a small clock-skew
 *       allowance; {@code typ}, if present, {@code Bearer} (no ID or refresh tokens);
 *   <li>the realm role for agents in {@code realm_access.roles};
 *   <li>the token's client ({@code azp}, else {@code client_id}; both if both present) equal to {@code
 *       meshlift-agent-<id>} for the certificate's agent id, so one agent's credentials cannot serve
 *       another agent's certificate.
 * </ol>
 *
 * <p>Steps 1-3 failing make the token {@link AgentTokenRejectedException.Kind#INVALID}; 4-5 {@link
 * AgentTokenRejectedException.Kind#FORBIDDEN}. Messages never contain the token. Thread-safe.
 */
public final class AgentTokenVerifier {

    private static final Map<String, String> ALGORITHMS =
            Map.of("RS256", "SHA256withRSA", "ES256", "SHA256withECDSAinP1363Format");

    private final JwksKeys keys;
    private final String issuer;
    private final String audience;
    private final String agentRole;
    private final Duration clockSkew;
    private final Clock clock;
    private final ObjectMapper json;

    public AgentTokenVerifier(
            URI jwks,
            String issuer,
            String audience,
            String agentRole,
            Duration clockSkew,
            Clock clock,
            HttpClient http,
            ObjectMapper json) {
        this.keys = new JwksKeys(jwks, http, json, clock);
        this.issuer = issuer;
        this.audience = audience;
        this.agentRole = agentRole;
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.json = json;
    }

    /** The client id an agent's token must be of. */
    public static String clientIdOf(AgentId agent) {
        return "meshlift-agent-" + agent.value();
    }

    /**
     * @throws AgentTokenRejectedException if any check fails, saying which
     */
    public AgentToken verify(String token, AgentId agent) {
        if (token == null || token.isBlank()) {
            throw invalid("no access token for agent " + agent + " (send 'authorization: Bearer <token>')");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("the access token of agent " + agent + " is not a compact JWS");
        }
        JsonNode header = decode(parts[0], "header", agent);
        JsonNode claims = decode(parts[1], "claims", agent);
        String algorithm = header.path("alg").asText("");
        String jdkAlgorithm = ALGORITHMS.get(algorithm);
        if (jdkAlgorithm == null) {
            throw invalid("the access token of agent " + agent + " uses algorithm '" + printable(algorithm)
                    + "'; accepted: " + ALGORITHMS.keySet());
        }
        String kid = header.path("kid").asText("");
        PublicKey key = keys.key(kid)
                .orElseThrow(() -> invalid("the access token of agent " + agent + " is signed with key '"
                        + printable(kid) + "', which the realm's JWKS does not have"));
        checkSignature(jdkAlgorithm, key, parts, agent);
        checkClaims(claims, agent);
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        return new AgentToken(checkEntitlement(claims, agent), expiresAt);
    }

    private void checkSignature(String jdkAlgorithm, PublicKey key, String[] parts, AgentId agent) {
        boolean valid;
        try {
            Signature signature = Signature.getInstance(jdkAlgorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            valid = signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A key of the wrong type for the algorithm, or a garbled signature: not valid either way.
            valid = false;
        }
        if (!valid) {
            throw invalid("the access token of agent " + agent + " has an invalid signature");
        }
    }

    private void checkClaims(JsonNode claims, AgentId agent) {
        String tokenIssuer = claims.path("iss").asText("");
        if (!issuer.equals(tokenIssuer)) {
            throw invalid("the access token of agent " + agent + " is issued by '" + printable(tokenIssuer)
                    + "', expected '" + issuer + "'");
        }
        if (!hasAudience(claims.path("aud"))) {
            throw invalid("the access token of agent " + agent + " is not for audience '" + audience + "'");
        }
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong()
                || !now.isBefore(
                        Instant.ofEpochSecond(claims.path("exp").asLong()).plus(clockSkew))) {
            throw invalid("the access token of agent " + agent + " has expired (or has no exp)");
        }
        if (claims.has("nbf")
                && now.plus(clockSkew)
                        .isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            throw invalid("the access token of agent " + agent + " is not valid yet");
        }
        if (claims.has("typ") && !"Bearer".equals(claims.path("typ").asText())) {
            throw invalid("the token of agent " + agent + " is of type '"
                    + printable(claims.path("typ").asText()) + "', not an access token (Bearer)");
        }
    }

    /** @return the token's client id */
    private String checkEntitlement(JsonNode claims, AgentId agent) {
        boolean hasRole = false;
        for (JsonNode role : claims.path("realm_access").path("roles")) {
            hasRole |= agentRole.equals(role.asText());
        }
        if (!hasRole) {
            throw new AgentTokenRejectedException(
                    AgentTokenRejectedException.Kind.FORBIDDEN,
                    "the access token of agent " + agent + " lacks the realm role '" + agentRole + "'");
        }
        String expected = clientIdOf(agent);
        String azp = claims.hasNonNull("azp") ? claims.get("azp").asText() : null;
        String clientId =
                claims.hasNonNull("client_id") ? claims.get("client_id").asText() : null;
        if ((azp == null && clientId == null)
                || (azp != null && !azp.equals(expected))
                || (clientId != null && !clientId.equals(expected))) {
            String actual = azp != null ? azp : clientId;
            throw new AgentTokenRejectedException(
                    AgentTokenRejectedException.Kind.FORBIDDEN,
                    "the access token belongs to client '" + printable(actual == null ? "" : actual)
                            + "' but the certificate is agent " + agent + "'s (client '" + expected + "')");
        }
        return expected;
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud.isTextual()) {
            return audience.equals(aud.asText());
        }
        for (JsonNode value : aud) {
            if (audience.equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode decode(String part, String what, AgentId agent) {
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw invalid("the access token of agent " + agent + " has a " + what + " that is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the access token of agent " + agent + " has an unreadable " + what);
        }
    }

    private static AgentTokenRejectedException invalid(String message) {
        return new AgentTokenRejectedException(AgentTokenRejectedException.Kind.INVALID, message);
    }

    /** Token content is attacker-controlled: keep it short and printable before it reaches a message. */
    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
