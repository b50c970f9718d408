package io.meshlift.coordinator.metrics;

import java.util.Map;

/**
 * Counts read from the database in one refresh. Shared by every replica: each exports the same
 * numbers, so dashboards take {@code max} over replicas rather than {@code sum}.
 */
record StateSnapshot(
        Map<String, Long> jobsByState,
        Map<String, Long> transfersByState,
        Map<String, Long> agentsByState,
        long assignmentQueue) {

    static final StateSnapshot EMPTY = new StateSnapshot(Map.of(), Map.of(), Map.of(), 0);

    long jobs(String state) {
        return jobsByState.getOrDefault(state, 0L);
    }

    long transfers(String state) {
        return transfersByState.getOrDefault(state, 0L);
    }

    long agents(String state) {
        return agentsByState.getOrDefault(state, 0L);
    }
}
