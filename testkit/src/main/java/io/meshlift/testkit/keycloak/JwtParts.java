package io.meshlift.testkit.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The three parts of a compact JWS, decoded without any verification: for tests that inspect what Keycloak
 * issued or build a tampered copy. Never a basis for trusting a token.
 */
public record JwtParts(String header, String payload, String signature) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static JwtParts of(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        return new JwtParts(parts[0], parts[1], parts[2]);
    }

    public JsonNode headerJson() {
        return decode(header);
    }

    public JsonNode claims() {
        return decode(payload);
    }

    /** Base64url without padding, as JWS wants it. */
    public static String encode(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String compact() {
        return header + "." + payload + "." + signature;
    }

    private static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new UncheckedIOException("JWT part is not JSON", e);
        }
    }
}
