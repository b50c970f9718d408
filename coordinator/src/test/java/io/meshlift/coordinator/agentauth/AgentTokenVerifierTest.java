package io.meshlift.coordinator.agentauth;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every check of {@link AgentTokenVerifier} against a JWKS served in-test and tokens signed with a local
 * RSA key: one valid token, then one token per way of being wrong.
 */
class AgentTokenVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "http://keycloak.test/realms/meshlift";
    private static final AgentId AGENT = AgentId.of("alpha");
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

    private static HttpServer jwks;
    private static KeyPair realmKey;
    private static KeyPair strangerKey;
    private static AgentTokenVerifier verifier;

    @BeforeAll
    static void serveJwks() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        realmKey = generator.generateKeyPair();
        strangerKey = generator.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) realmKey.getPublic();
        String body = JSON.writeValueAsString(Map.of(
                "keys",
                List.of(Map.of(
                        "kid", "realm-key",
                        "kty", "RSA",
                        "use", "sig",
                        "alg", "RS256",
                        "n", b64(unsigned(key.getModulus().toByteArray())),
                        "e", b64(unsigned(key.getPublicExponent().toByteArray()))))));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        jwks.start();
        verifier = new AgentTokenVerifier(
                URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs"),
                ISSUER,
                "meshlift-coordinator",
                "meshlift-agent",
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                HttpClient.newHttpClient(),
                JSON);
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    /** Claims of a valid token of agent alpha's client. */
    private static Map<String, Object> claims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", List.of("meshlift-coordinator", "account"));
        claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("typ", "Bearer");
        claims.put("azp", "meshlift-agent-alpha");
        claims.put("client_id", "meshlift-agent-alpha");
        claims.put("realm_access", Map.of("roles", List.of("meshlift-agent", "offline_access")));
        return claims;
    }

    private static String token(Map<String, Object> claims) throws Exception {
        return token(Map.of("alg", "RS256", "kid", "realm-key", "typ", "JWT"), claims, realmKey);
    }

    private static String token(Map<String, Object> header, Map<String, Object> claims, KeyPair key) throws Exception {
        String signingInput = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    private static void assertRejected(String token, AgentTokenRejectedException.Kind kind, String message) {
        assertThatThrownBy(() -> verifier.verify(token, AGENT))
                .isInstanceOfSatisfying(
                        AgentTokenRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message)
                .satisfies(e ->
                        assertThat(e.getMessage()).doesNotContain(token == null || token.isEmpty() ? "\0" : token));
    }

    @Test
    void acceptsAValidTokenOfTheAgentsOwnClient() throws Exception {
        Map<String, Object> claims = claims();

        AgentToken verified = verifier.verify(token(claims), AGENT);

        assertThat(verified.clientId()).isEqualTo("meshlift-agent-alpha");
        assertThat(verified.expiresAt()).isEqualTo(Instant.ofEpochSecond((Long) claims.get("exp")));
    }

    @Test
    void refusesAMissingOrMalformedToken() {
        assertRejected(null, AgentTokenRejectedException.Kind.INVALID, "no access token");
        assertRejected("", AgentTokenRejectedException.Kind.INVALID, "no access token");
        assertRejected("abc.def", AgentTokenRejectedException.Kind.INVALID, "not a compact JWS");
        assertRejected("!!!.e30.AA", AgentTokenRejectedException.Kind.INVALID, "unreadable header");
    }

    @Test
    void refusesUnsignedAndHmacTokens() throws Exception {
        String none = b64("{\"alg\":\"none\",\"kid\":\"realm-key\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(JSON.writeValueAsBytes(claims())) + ".";
        assertRejected(none, AgentTokenRejectedException.Kind.INVALID, "algorithm 'none'");
        String hmac = token(Map.of("alg", "HS256", "kid", "realm-key"), claims(), realmKey);
        assertRejected(hmac, AgentTokenRejectedException.Kind.INVALID, "algorithm 'HS256'");
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws Exception {
        assertRejected(
                token(Map.of("alg", "RS256", "kid", "realm-key"), claims(), strangerKey),
                AgentTokenRejectedException.Kind.INVALID,
                "invalid signature");
        assertRejected(
                token(Map.of("alg", "RS256", "kid", "stranger"), claims(), strangerKey),
                AgentTokenRejectedException.Kind.INVALID,
                "does not have");
    }

    @Test
    void refusesATamperedToken() throws Exception {
        String[] parts = token(claims()).split("\\.");
        Map<String, Object> forged = claims();
        forged.put("azp", "meshlift-agent-bravo");
        String tampered = parts[0] + "." + b64(JSON.writeValueAsBytes(forged)) + "." + parts[2];
        assertRejected(tampered, AgentTokenRejectedException.Kind.INVALID, "invalid signature");
    }

    @Test
    void refusesAWrongIssuerOrAudience() throws Exception {
        Map<String, Object> otherRealm = claims();
        otherRealm.put("iss", "http://keycloak.test/realms/other");
        assertRejected(token(otherRealm), AgentTokenRejectedException.Kind.INVALID, "issued by");
        Map<String, Object> noAudience = claims();
        noAudience.put("aud", "account");
        assertRejected(token(noAudience), AgentTokenRejectedException.Kind.INVALID, "audience");
        noAudience.remove("aud");
        assertRejected(token(noAudience), AgentTokenRejectedException.Kind.INVALID, "audience");
    }

    @Test
    void refusesExpiredNotYetValidAndNonAccessTokens() throws Exception {
        Map<String, Object> expired = claims();
        expired.put("exp", Instant.now().minusSeconds(31).getEpochSecond());
        assertRejected(token(expired), AgentTokenRejectedException.Kind.INVALID, "expired");
        expired.remove("exp");
        assertRejected(token(expired), AgentTokenRejectedException.Kind.INVALID, "expired");
        Map<String, Object> early = claims();
        early.put("nbf", Instant.now().plusSeconds(120).getEpochSecond());
        assertRejected(token(early), AgentTokenRejectedException.Kind.INVALID, "not valid yet");
        Map<String, Object> idToken = claims();
        idToken.put("typ", "ID");
        assertRejected(token(idToken), AgentTokenRejectedException.Kind.INVALID, "not an access token");
    }

    @Test
    void refusesATokenWithoutTheAgentRole() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("realm_access", Map.of("roles", List.of("meshlift-admin")));
        assertRejected(token(claims), AgentTokenRejectedException.Kind.FORBIDDEN, "realm role 'meshlift-agent'");
    }

    @Test
    void refusesAnotherAgentsClientForThisCertificate() throws Exception {
        Map<String, Object> bravo = claims();
        bravo.put("azp", "meshlift-agent-bravo");
        bravo.put("client_id", "meshlift-agent-bravo");
        assertRejected(token(bravo), AgentTokenRejectedException.Kind.FORBIDDEN, "client 'meshlift-agent-bravo'");
        Map<String, Object> mixed = claims();
        mixed.put("client_id", "meshlift-agent-bravo");
        assertRejected(token(mixed), AgentTokenRejectedException.Kind.FORBIDDEN, "certificate is agent alpha");
        Map<String, Object> testAgent = claims();
        testAgent.put("azp", "meshlift-test-agent");
        testAgent.remove("client_id");
        assertRejected(token(testAgent), AgentTokenRejectedException.Kind.FORBIDDEN, "meshlift-test-agent");
        Map<String, Object> anonymous = claims();
        anonymous.remove("azp");
        anonymous.remove("client_id");
        assertRejected(token(anonymous), AgentTokenRejectedException.Kind.FORBIDDEN, "client");
    }

    @Test
    void unknownKeyIdsDoNotHammerTheJwksEndpoint() throws Exception {
        String unknown = token(Map.of("alg", "RS256", "kid", "made-up"), claims(), strangerKey);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> verifier.verify(unknown, AGENT)).isInstanceOf(AgentTokenRejectedException.class);
        }
        assertThat(JWKS_FETCHES.get()).isLessThanOrEqualTo(2);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }
}
