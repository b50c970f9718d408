package io.meshlift.coordinator.agentauth;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * The realm's signing keys, fetched from its JWKS endpoint with the JDK HTTP client and cached by key id.
 * An unknown key id triggers a re-fetch (Keycloak rotated its keys), at most once per {@link
 * #MIN_REFRESH}, so a flood of tokens with made-up key ids cannot hammer Keycloak. Only signature keys
 * ({@code use} absent or {@code sig}) of type RSA and EC P-256 are kept. Thread-safe.
 */
final class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    static final Duration MIN_REFRESH = Duration.ofSeconds(10);

    private final URI uri;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Map<String, PublicKey> keys = Map.of();
    private Instant lastFetch = Instant.EPOCH;

    JwksKeys(URI uri, HttpClient http, ObjectMapper json, Clock clock) {
        this.uri = uri;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The key with this id, re-fetching the set once if it is unknown. */
    Optional<PublicKey> key(String kid) {
        PublicKey key = keys.get(kid);
        if (key != null) {
            return Optional.of(key);
        }
        refreshIfAllowed();
        return Optional.ofNullable(keys.get(kid));
    }

    private synchronized void refreshIfAllowed() {
        Instant now = clock.instant();
        if (now.isBefore(lastFetch.plus(MIN_REFRESH))) {
            return;
        }
        lastFetch = now;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("JWKS %s answered %d; keeping %d known key(s)", uri, response.statusCode(), keys.size());
                return;
            }
            keys = parse(json.readTree(response.body()));
            LOG.debugf("JWKS %s: %d signing key(s)", uri, keys.size());
        } catch (IOException e) {
            LOG.warnf("cannot fetch JWKS %s: %s; keeping %d known key(s)", uri, e.getMessage(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, PublicKey> parse(JsonNode jwks) {
        Map<String, PublicKey> parsed = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            String kid = jwk.path("kid").asText("");
            String use = jwk.path("use").asText("sig");
            if (kid.isEmpty() || !use.equals("sig")) {
                continue;
            }
            try {
                switch (jwk.path("kty").asText("")) {
                    case "RSA" -> parsed.put(kid, rsa(jwk));
                    case "EC" -> {
                        if ("P-256".equals(jwk.path("crv").asText())) {
                            parsed.put(kid, ec(jwk));
                        }
                    }
                    default -> {
                        // Other key types cannot verify the algorithms we accept.
                    }
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.warnf("ignoring unreadable JWK %s: %s", kid, e.getMessage());
            }
        }
        return Map.copyOf(parsed);
    }

    private static PublicKey rsa(JsonNode jwk) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e")));
    }

    private static PublicKey ec(JsonNode jwk) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(new ECPoint(number(jwk, "x"), number(jwk, "y")), spec));
    }

    private static BigInteger number(JsonNode jwk, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(field).asText("")));
    }
}
