package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.util.List;

/** An agent as the REST API shows it. */
public record AgentView(String id, AgentState state, Instant lastSeen, List<AgentVolume> volumes) {

    static AgentView of(Agent agent) {
        return new AgentView(agent.id, agent.state, agent.lastSeen, agent.volumes);
    }
}
