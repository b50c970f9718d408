package io.meshlift.coordinator.agent;

import java.util.List;

/**
 * What an agent says when it registers on the control channel, its identity already checked against
 * its certificate.
 *
 * @param peerPort null when the agent gave none
 * @param maxConcurrentPulls null when the agent gave none
 * @param lastReportId highest report id the agent ever produced
 */
public record AgentRegistration(
        String id,
        String version,
        List<AgentVolume> volumes,
        String peerHost,
        Integer peerPort,
        Integer maxConcurrentPulls,
        long lastReportId) {

    public AgentRegistration {
        volumes = List.copyOf(volumes);
    }
}
