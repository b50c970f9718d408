package io.meshlift.coordinator.agent;

import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agents as the coordinator knows them. Roles arrive with the security issue: every method here will
 * be {@code @RolesAllowed("meshlift-admin")}, reads also {@code meshlift-operator} and
 * {@code meshlift-auditor}; until then the API is unauthenticated.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents")
public class AgentResource {

    private final AgentService agents;

    AgentResource(AgentService agents) {
        this.agents = agents;
    }

    // Role: meshlift-admin, meshlift-operator, meshlift-auditor (read).
    @GET
    @Operation(summary = "Every registered agent with its state, last heartbeat and volumes")
    public List<AgentView> list() {
        return agents.list();
    }
}
