package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meshlift.coordinator.api.ApiPatterns;
import io.meshlift.coordinator.security.Roles;

/**
 * A job's audit over REST: per destination, every verified file with its source and destination digests,
 * and the dataset digests. For auditors and admins.
 */
@Path("/api/v1/jobs/{jobId}/audit")
@Tag(name = "audit")
public class JobAuditResource {

    private final JobAuditService audits;
    private final Validator validator;

    JobAuditResource(JobAuditService audits, Validator validator) {
        this.audits = audits;
        this.validator = validator;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A job's transfers with their dataset digests, and one page of file rows",
            description =
                    "Rows in (transfer, path) order, paths by bytes; pass nextAfter as `after` for the next" + " page.")
    public JobAudit audit(
            @PathParam("jobId") @Pattern(regexp = ApiPatterns.UUID, message = "must be a UUID") String jobId,
            @Parameter(description = "match, mismatch, missing; repeated or comma-separated; default all")
                    @QueryParam("status")
                    List<String> status,
            @Parameter(description = "only this transfer (dataset and destination)") @QueryParam("transferId")
                    String transferId,
            @Parameter(description = "the nextAfter of the previous page: <transferId>:<path>") @QueryParam("after")
                    String after,
            @Parameter(description = "rows per page, 1 to 10000, default 1000") @QueryParam("limit") Integer limit) {
        JobAuditParams params = valid(new JobAuditParams(status, transferId, after, limit, null));
        return audits.audit(UUID.fromString(jobId), params.query(), params.limit());
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Every file row of a job, streamed: JSON lines, CSV, or sha256sum lines of one destination",
            description = "format=sha256sum needs transferId; run `sha256sum -c FILE` in the destination"
                    + " directory to re-verify it.")
    public Response export(
            @PathParam("jobId") @Pattern(regexp = ApiPatterns.UUID, message = "must be a UUID") String jobId,
            @Parameter(description = "json (default), csv or sha256sum") @QueryParam("format") String format,
            @Parameter(description = "match, mismatch, missing; repeated or comma-separated; default all")
                    @QueryParam("status")
                    List<String> status,
            @Parameter(description = "only this transfer; required with format=sha256sum") @QueryParam("transferId")
                    String transferId) {
        JobAuditParams params = valid(new JobAuditParams(status, transferId, null, null, format));
        AuditExportFormat exportFormat = params.format();
        JobAuditService.Export export = audits.export(UUID.fromString(jobId), params.query(), exportFormat);
        StreamingOutput body = export::writeTo;
        String name = "audit-" + jobId.toLowerCase()
                + (transferId == null ? "" : "-" + transferId.toLowerCase())
                + "." + exportFormat.extension();
        String type = exportFormat.mediaType() + (exportFormat == AuditExportFormat.JSON ? "" : "; charset=UTF-8");
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private JobAuditParams valid(JobAuditParams params) {
        Set<ConstraintViolation<JobAuditParams>> violations = validator.validate(params);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return params;
    }
}
