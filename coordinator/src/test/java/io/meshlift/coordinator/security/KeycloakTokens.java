package io.meshlift.coordinator.security;

import java.util.EnumMap;
import java.util.Map;

import io.meshlift.testkit.keycloak.KeycloakServer;

/** Service-account tokens of the realm's test clients, one per kind of caller. */
final class KeycloakTokens {

    /** The callers of the role matrix; each is a test client of the meshlift realm. */
    enum Caller {
        ADMIN("meshlift-test-admin"),
        OPERATOR("meshlift-test-operator"),
        AUDITOR("meshlift-test-auditor"),
        AGENT("meshlift-test-agent"),
        NOROLE("meshlift-test-norole");

        final String clientId;

        Caller(String clientId) {
            this.clientId = clientId;
        }
    }

    private KeycloakTokens() {}

    /** Fresh tokens (valid 300 s, longer than a test class runs). */
    static Map<Caller, String> forEveryCaller() {
        KeycloakServer keycloak = KeycloakServer.shared();
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            tokens.put(caller, keycloak.clientCredentialsToken(KeycloakServer.REALM, caller.clientId));
        }
        return tokens;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
