package io.meshlift.coordinator.control;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The coordinator with its control channel on a free port, fast heartbeats and a fast scheduler. These
 * tests exercise the channel's protocol without Keycloak, so they switch token authentication off
 * explicitly; ControlTokenTest covers the channel with tokens required.
 */
public class ControlChannelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "coordinator.control.port", "0",
                "coordinator.control.heartbeat-interval", "500ms",
                "coordinator.control.missed-heartbeats", "4",
                "coordinator.jobs.scheduler-interval", "100ms",
                "coordinator.jobs.retry-backoff", "100ms",
                "coordinator.jobs.lease-duration", "5s",
                "coordinator.control.require-token", "false",
                "coordinator.metrics.refresh-interval", "200ms",
                "coordinator.jobs.dry-run-timeout", "3s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MeshResource.class));
    }
}
