package io.meshlift.coordinator.enrollment;

import java.net.URI;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins start an agent's enrollment here: the agent's Keycloak client, and a one-time token for the agent. */
@Path("/api/v1/agents/{id}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "enrollment")
public class EnrollmentTokenResource {

    private final EnrollmentService enrollment;
    private final SecurityIdentity identity;

    EnrollmentTokenResource(EnrollmentService enrollment, SecurityIdentity identity) {
        this.enrollment = enrollment;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("meshlift-admin")
    @Operation(
            summary = "Create the agent's Keycloak client (if missing) and a one-time enrollment token",
            description = "The token is shown only in this answer and replaces the agent's earlier unused tokens."
                    + " Hand it to the host's operator: `meshlift agent enroll --token-file ...`.")
    public Response create(@PathParam("id") String id) {
        String admin = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        EnrollmentTokens.Issued issued = enrollment.issueToken(id, admin);
        return Response.created(URI.create("/api/v1/enroll"))
                .entity(new EnrollmentTokenView(id, issued.token(), issued.expiresAt(), "/api/v1/enroll"))
                .build();
    }
}
