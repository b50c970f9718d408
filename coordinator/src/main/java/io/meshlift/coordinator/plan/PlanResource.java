package io.meshlift.coordinator.plan;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meshlift.coordinator.security.Roles;

/**
 * Migration plans. Operators and admins apply them; they and auditors read them.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanResource {

    private final PlanService plans;

    PlanResource(PlanService plans) {
        this.plans = plans;
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Consumes({"application/yaml", "text/yaml", "application/x-yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "Apply a plan file (YAML or JSON); 400 lists every error with line and column")
    public Response create(String body, @Context SecurityContext security) {
        // The token's preferred_username (a person, or service-account-<client> for a service account).
        PlanView plan = plans.create(body, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/plans/" + plan.id()))
                .entity(plan)
                .build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR})
    @GET
    @Operation(summary = "Every plan, newest first")
    public List<PlanView> list() {
        return plans.list();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR})
    @GET
    @Path("/{id}")
    @Operation(summary = "One plan with its YAML as applied")
    public PlanView get(@PathParam("id") UUID id) {
        return plans.get(id);
    }
}
