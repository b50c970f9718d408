package io.meshlift.coordinator.control;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The coordinator against a real Keycloak: real agent clients, tokens required on the control channel. */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "meshlift.test.fake-keycloak", "false",
                "coordinator.control.port", "0",
                "coordinator.control.heartbeat-interval", "500ms",
                "coordinator.control.missed-heartbeats", "20",
                "coordinator.jobs.scheduler-interval", "200ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakMeshResource.class));
    }
}
