package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Agents registered directly in the database, as the control channel will do. */
@ApplicationScoped
public class AgentFixtures {

    private final AgentRepository agents;

    AgentFixtures(AgentRepository agents) {
        this.agents = agents;
    }

    @Transactional
    public void register(String id, Instant lastSeen, AgentVolume... volumes) {
        Agent agent = new Agent();
        agent.id = id;
        agent.state = AgentState.ONLINE;
        agent.lastSeen = lastSeen;
        agent.volumes = List.of(volumes);
        agents.persist(agent);
    }

    @Transactional
    public void markOffline(String id) {
        agents.findById(id).state = AgentState.OFFLINE;
    }
}
