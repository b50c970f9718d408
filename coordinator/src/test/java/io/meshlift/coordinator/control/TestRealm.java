package io.meshlift.coordinator.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the realm's signing side: an RSA key, its JWKS served over HTTP, and tokens signed with
 * it the way Keycloak shapes client-credentials tokens. Configures the control channel to trust it.
 * (The real Keycloak is exercised by the Keycloak-backed tests.)
 */
public class TestRealm implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "http://keycloak.test/realms/meshlift";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair key;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
            byte[] jwks = JSON.writeValueAsBytes(Map.of(
                    "keys",
                    List.of(Map.of(
                            "kid", "test-realm",
                            "kty", "RSA",
                            "use", "sig",
                            "n", b64(unsigned(publicKey.getModulus().toByteArray())),
                            "e", b64(unsigned(publicKey.getPublicExponent().toByteArray()))))));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/certs", exchange -> {
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "coordinator.control.oidc.issuer",
                ISSUER,
                "coordinator.control.oidc.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token of {@code clientId} with the agent role, valid for {@code lifetime}. */
    static String token(String clientId, Duration lifetime) {
        return token(clientId, lifetime, List.of("meshlift-agent"));
    }

    static String token(String clientId, Duration lifetime, List<String> roles) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", List.of("meshlift-coordinator"));
        claims.put("exp", Instant.now().plus(lifetime).getEpochSecond());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("typ", "Bearer");
        claims.put("azp", clientId);
        claims.put("realm_access", Map.of("roles", roles));
        try {
            String input = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", "test-realm", "typ", "JWT"))) + "."
                    + b64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
