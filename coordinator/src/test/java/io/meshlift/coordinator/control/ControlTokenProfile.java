package io.meshlift.coordinator.control;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The control channel with access tokens required (the default), trusting {@link TestRealm}'s key. */
public class ControlTokenProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "coordinator.control.port", "0",
                "coordinator.control.heartbeat-interval", "500ms",
                "coordinator.control.missed-heartbeats", "20",
                "coordinator.jobs.scheduler-interval", "100ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MeshResource.class), new TestResourceEntry(TestRealm.class));
    }
}
