package io.meshlift.coordinator.agent;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meshlift.coordinator.security.Roles;

/**
 * Agents as the coordinator knows them. Reading them is open to every human role (operators write plans
 * against them); operations that change agents will be {@link Roles#ADMIN} only.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents")
public class AgentResource {

    private final AgentService agents;

    AgentResource(AgentService agents) {
        this.agents = agents;
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR})
    @GET
    @Operation(summary = "Every registered agent with its state, last heartbeat and volumes")
    public List<AgentView> list() {
        return agents.list();
    }
}
