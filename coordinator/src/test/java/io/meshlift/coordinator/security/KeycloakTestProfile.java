package io.meshlift.coordinator.security;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The test profile with quarkus-oidc validating real tokens of a real Keycloak ({@link KeycloakTestResource}). */
public class KeycloakTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakTestResource.class));
    }
}
