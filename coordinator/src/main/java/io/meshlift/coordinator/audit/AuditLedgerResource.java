package io.meshlift.coordinator.audit;

import java.util.UUID;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The audit ledger over REST, for auditors and admins. */
@Path("/api/v1/audit/ledger")
@Tag(name = "audit")
public class AuditLedgerResource {

    /** JSON lines, one ledger record per line. */
    public static final String JSON_LINES = "application/x-ndjson";

    private final LedgerService ledger;
    private final LedgerExporter exporter;

    AuditLedgerResource(LedgerService ledger, LedgerExporter exporter) {
        this.ledger = ledger;
        this.exporter = exporter;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-compute the hash chain: all of it, or the segment holding one job's records")
    public LedgerVerification verify(
            @Parameter(description = "only the records of this job")
                    @QueryParam("jobId")
                    @Pattern(regexp = ApiPatterns.UUID, message = "must be a UUID")
                    String jobId) {
        return jobId == null ? ledger.verifyAll() : ledger.verifyJob(UUID.fromString(jobId));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("export")
    @Produces(JSON_LINES)
    @Operation(
            summary = "A job's ledger as JSON lines, verifiable offline with `java LedgerChain.java FILE`",
            description = "The chain segment from the job's first record to its last; other jobs' records in"
                    + " between carry their payload digest instead of their payload.")
    public Response export(
            @QueryParam("jobId") @NotNull @Pattern(regexp = ApiPatterns.UUID, message = "must be a UUID")
                    String jobId) {
        LedgerExporter.Export export = exporter.exportJob(UUID.fromString(jobId));
        StreamingOutput body = export::writeTo;
        return Response.ok(body, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"ledger-" + jobId.toLowerCase() + ".jsonl\"")
                .build();
    }
}
