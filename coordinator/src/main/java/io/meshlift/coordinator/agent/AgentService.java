package io.meshlift.coordinator.agent;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reads and (with the control channel) maintains the agent registry. */
@ApplicationScoped
public class AgentService {

    private final AgentRepository agents;

    AgentService(AgentRepository agents) {
        this.agents = agents;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgentView> list() {
        return agents.listById().stream().map(AgentView::of).toList();
    }
}
