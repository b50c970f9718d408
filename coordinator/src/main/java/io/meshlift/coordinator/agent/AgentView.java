package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.util.List;

/**
 * An agent as the REST API shows it.
 *
 * @param activeTransfers transfers it is pulling now (ASSIGNED or RUNNING, as a destination)
 * @param servingTransfers transfers reading from it now (ASSIGNED or RUNNING, as the source)
 */
public record AgentView(
        String id,
        AgentState state,
        Instant lastSeen,
        List<AgentVolume> volumes,
        long activeTransfers,
        long servingTransfers) {

    static AgentView of(Agent agent, ActiveTransfers active) {
        return new AgentView(
                agent.id,
                agent.state,
                agent.lastSeen,
                agent.volumes,
                active.pulling(agent.id),
                active.serving(agent.id));
    }
}
