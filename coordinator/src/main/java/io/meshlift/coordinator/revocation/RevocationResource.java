package io.meshlift.coordinator.revocation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins revoke agents here. */
@Path("/api/v1/agents/{id}")
@Tag(name = "agents")
public class RevocationResource {

    private final RevocationService revocations;
    private final SecurityIdentity identity;

    RevocationResource(RevocationService revocations, SecurityIdentity identity) {
        this.revocations = revocations;
        this.identity = identity;
    }

    @DELETE
    @RolesAllowed("meshlift-admin")
    @Operation(
            summary = "Revoke an agent",
            description = "Permanent and idempotent: the control channel refuses the agent's certificate, its"
                    + " control stream is closed, every agent is told to refuse it as a peer, and its Keycloak"
                    + " client is disabled. 503 means it is revoked but Keycloak could not be reached: retry.")
    public void revoke(@PathParam("id") String id) {
        revocations.revoke(
                id, identity.isAnonymous() ? null : identity.getPrincipal().getName());
    }
}
