package io.meshlift.coordinator.plan;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Migration plans. Roles arrive with the security issue: {@code meshlift-operator} and
 * {@code meshlift-admin} create, they and {@code meshlift-auditor} read.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanResource {

    /** Until authentication lands every plan is applied by the same anonymous principal. */
    private static final String ANONYMOUS = "anonymous";

    private final PlanService plans;

    PlanResource(PlanService plans) {
        this.plans = plans;
    }

    // Role: meshlift-operator, meshlift-admin.
    @POST
    @Consumes({"application/yaml", "text/yaml", "application/x-yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "Apply a plan file (YAML or JSON); 400 lists every error with line and column")
    public Response create(String body) {
        PlanView plan = plans.create(body, ANONYMOUS);
        return Response.created(URI.create("/api/v1/plans/" + plan.id()))
                .entity(plan)
                .build();
    }

    // Role: meshlift-operator, meshlift-admin, meshlift-auditor.
    @GET
    @Operation(summary = "Every plan, newest first")
    public List<PlanView> list() {
        return plans.list();
    }

    // Role: meshlift-operator, meshlift-admin, meshlift-auditor.
    @GET
    @Path("/{id}")
    @Operation(summary = "One plan with its YAML as applied")
    public PlanView get(@PathParam("id") UUID id) {
        return plans.get(id);
    }
}
