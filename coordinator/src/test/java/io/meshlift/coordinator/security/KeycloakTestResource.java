package io.meshlift.coordinator.security;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * Points quarkus-oidc at the JVM's shared real Keycloak ({@link KeycloakServer#shared()}), which a shutdown
 * hook stops when the test JVM ends; {@link #stop} leaves it running for the next test class.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = KeycloakServer.shared();
        return Map.of(
                "quarkus.oidc.tenant-enabled",
                "true",
                "quarkus.oidc.auth-server-url",
                keycloak.realmUrl(KeycloakServer.REALM));
    }

    @Override
    public void stop() {}
}
