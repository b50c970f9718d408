package io.meshlift.coordinator.job;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import io.meshlift.coordinator.security.Roles;

/**
 * Jobs: runs of a plan. Operators and admins start and steer jobs; they and auditors read them. Illegal
 * transitions answer 409.
 */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

    private final JobService jobs;
    private final DryRunService dryRuns;

    JobResource(JobService jobs, DryRunService dryRuns) {
        this.jobs = jobs;
        this.dryRuns = dryRuns;
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a job from a plan (201), or with dryRun count what it would move and estimate how"
                    + " long (200); 503 when a source agent is offline or connected to another replica, 504 when"
                    + " it does not answer within coordinator.jobs.dry-run-timeout")
    public Response start(@Valid @NotNull JobRequest request) {
        if (request.isDryRun()) {
            return Response.ok(dryRuns.dryRun(request.planId())).build();
        }
        JobView job = jobs.start(request.planId());
        return Response.created(URI.create("/api/v1/jobs/" + job.id()))
                .entity(job)
                .build();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR})
    @GET
    @Operation(summary = "Every job with its progress, newest first")
    public List<JobView> list() {
        return jobs.list();
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR})
    @GET
    @Path("/{id}")
    @Operation(summary = "One job: state and per-transfer progress")
    public JobView get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a job that has not finished")
    public JobView cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running job")
    public JobView pause(@PathParam("id") UUID id) {
        return jobs.pause(id);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused job")
    public JobView resume(@PathParam("id") UUID id) {
        return jobs.resume(id);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Re-run what a failed or cancelled job did not verify")
    public JobView retry(@PathParam("id") UUID id) {
        return jobs.retry(id);
    }
}
