package io.meshlift.coordinator.job;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.security.Roles;

/**
 * Live progress of one job as server-sent events: the job (as {@code GET /api/v1/jobs/{id}} shows it)
 * when the stream opens and again whenever it changes, ending after the event that shows a terminal
 * state. It reads the database, not this replica's memory, so it shows the whole job whichever replica
 * drives its transfers.
 */
@Path("/api/v1/jobs/{id}/events")
@Tag(name = "jobs")
public class JobEventsResource {

    private final JobService jobs;
    private final CoordinatorConfig config;

    JobEventsResource(JobService jobs, CoordinatorConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    // Blocking: the first read runs before the stream starts, so an unknown job answers 404, not an
    // empty stream.
    @Blocking
    @Operation(summary = "Live progress of a job as server-sent events, until it reaches a terminal state")
    public Multi<JobView> events(@PathParam("id") UUID id) {
        JobView first = jobs.get(id);
        Multi<JobView> later = Multi.createFrom()
                .ticks()
                .every(config.jobs().eventsInterval())
                .onOverflow()
                .drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // A transaction of its own per look: the request's session lives as long as the stream
                // and would keep answering from its first-level cache.
                .map(tick -> QuarkusTransaction.requiringNew().call(() -> jobs.get(id)));
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createBy()
                .concatenating()
                .streams(Multi.createFrom().item(first), later)
                // Passes every view up to and including the first terminal one, then completes; before
                // the repetitions are skipped, or a terminal view repeated would never be seen.
                .select()
                .first(view -> !ended.getAndSet(view.state().isTerminal()))
                .skip()
                .repetitions();
    }
}
