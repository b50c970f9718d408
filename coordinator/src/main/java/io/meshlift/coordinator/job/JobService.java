package io.meshlift.coordinator.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

import io.meshlift.coordinator.plan.PlanService;
import io.meshlift.coordinator.transfer.AgentLink;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferEngine;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;
import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.Endpoint;
import io.meshlift.core.plan.MigrationPlan;

/**
 * Starts jobs from plans and moves them through their states on request. Every transition locks the
 * job's row ({@code SELECT ... FOR UPDATE}), so it serialises with the engine finishing the job on
 * another replica; an illegal transition is a {@link JobStateConflictException}.
 *
 * <p>Commands to agents (cancel, pause) are sent after the commit to agents connected to this replica;
 * agents connected elsewhere learn it from heartbeat reconciliation on their replica.
 */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final TransferRepository transfers;
    private final PlanService plans;
    private final TransferEngine engine;
    private final JobCompletion completion;
    private final AgentLink link;

    JobService(
            JobRepository jobs,
            TransferRepository transfers,
            PlanService plans,
            TransferEngine engine,
            JobCompletion completion,
            AgentLink link) {
        this.jobs = jobs;
        this.transfers = transfers;
        this.plans = plans;
        this.engine = engine;
        this.completion = completion;
        this.link = link;
    }

    /**
     * Starts a job: RUNNING, one PENDING transfer per (dataset, destination) of the plan.
     *
     * @throws io.meshlift.coordinator.plan.PlanNotFoundException if there is no such plan
     */
    @Transactional
    public JobView start(UUID planId) {
        MigrationPlan plan = plans.parsed(planId);
        Instant now = now();
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.planId = planId;
        job.state = JobState.RUNNING;
        job.createdAt = now;
        job.startedAt = now;
        job.pass = (int) jobs.count("planId", planId) + 1;
        jobs.persist(job);
        for (DatasetSpec dataset : plan.datasets()) {
            for (Endpoint destination : dataset.destinations()) {
                transfers.persist(newTransfer(job.id, dataset, destination));
            }
        }
        transfers.flush();
        return JobView.of(job, transfers.listByJob(job.id));
    }

    /** Every job, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobView> list() {
        return jobs.listAll(Sort.descending("createdAt")).stream()
                .map(job -> JobView.of(job, transfers.listByJob(job.id)))
                .toList();
    }

    /**
     * @throws JobNotFoundException if there is no such job
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JobView get(UUID id) {
        return JobView.of(jobs.require(id), transfers.listByJob(id));
    }

    /** PENDING, RUNNING or PAUSED to CANCELLED; every unfinished transfer is cancelled and audited. */
    public JobView cancel(UUID id) {
        List<Transfer> told = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = lock(id);
            if (job.state.isTerminal()) {
                throw new JobStateConflictException(id, job.state, "cancel", "PENDING, RUNNING or PAUSED");
            }
            Map<TransferState, Integer> counts = new EnumMap<>(TransferState.class);
            for (Transfer transfer : transfers.listByJob(id)) {
                if (!transfer.state.isTerminal()) {
                    if (transfer.assignmentId != null) {
                        told.add(transfer);
                    }
                    engine.finish(transfer, TransferState.CANCELLED, "cancelled by request");
                }
                counts.merge(transfer.state, 1, Integer::sum);
            }
            completion.finish(job, JobState.CANCELLED, counts);
        });
        tell(told, AgentLink.AgentCommand.CANCEL);
        return get(id);
    }

    /** RUNNING to PAUSED: nothing new is assigned, and running transfers are told to pause. */
    public JobView pause(UUID id) {
        List<Transfer> told = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = lock(id);
            if (job.state != JobState.RUNNING) {
                throw new JobStateConflictException(id, job.state, "pause", "RUNNING");
            }
            job.state = JobState.PAUSED;
            for (Transfer transfer : transfers.listByJob(id)) {
                if (transfer.state.isActive()) {
                    transfer.state = TransferState.PAUSED;
                    transfer.leaseOwner = null;
                    transfer.leaseUntil = null;
                    told.add(transfer);
                }
            }
        });
        tell(told, AgentLink.AgentCommand.PAUSE);
        return get(id);
    }

    /** PAUSED to RUNNING: paused transfers are re-sent (with a RESUME) by the scheduler. */
    @Transactional
    public JobView resume(UUID id) {
        Job job = lock(id);
        if (job.state != JobState.PAUSED) {
            throw new JobStateConflictException(id, job.state, "resume", "PAUSED");
        }
        job.state = JobState.RUNNING;
        for (Transfer transfer : transfers.listByJob(id)) {
            if (transfer.state == TransferState.PAUSED) {
                transfer.state = TransferState.PENDING;
            }
        }
        return JobView.of(job, transfers.listByJob(id));
    }

    /**
     * FAILED or CANCELLED to RUNNING, re-running only what is not verified: FAILED and CANCELLED transfers
     * start over with a fresh retry budget, SUCCEEDED ones stay.
     */
    @Transactional
    public JobView retry(UUID id) {
        Job job = lock(id);
        if (job.state != JobState.FAILED && job.state != JobState.CANCELLED) {
            throw new JobStateConflictException(id, job.state, "retry", "FAILED or CANCELLED");
        }
        job.state = JobState.RUNNING;
        job.finishedAt = null;
        for (Transfer transfer : transfers.listByJob(id)) {
            if (transfer.state == TransferState.FAILED || transfer.state == TransferState.CANCELLED) {
                transfer.state = TransferState.PENDING;
                transfer.failures = 0;
                transfer.assignmentId = null;
                transfer.nextAttemptAt = null;
                transfer.finishedAt = null;
            }
        }
        return JobView.of(job, transfers.listByJob(id));
    }

    private Job lock(UUID id) {
        Job job = jobs.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new JobNotFoundException(id);
        }
        return job;
    }

    private void tell(List<Transfer> told, AgentLink.AgentCommand command) {
        Set<String> connected = link.connectedAgents();
        for (Transfer transfer : told) {
            if (transfer.assignmentId != null && connected.contains(transfer.destinationAgent)) {
                link.command(transfer.destinationAgent, command, transfer.assignmentId);
            }
        }
    }

    private static Transfer newTransfer(UUID jobId, DatasetSpec dataset, Endpoint destination) {
        Transfer transfer = new Transfer();
        transfer.id = UUID.randomUUID();
        transfer.jobId = jobId;
        transfer.dataset = dataset.name();
        transfer.sourceAgent = dataset.source().agent().value();
        transfer.sourceVolume = dataset.source().volume();
        transfer.sourcePath = dataset.source().path().toString();
        transfer.destinationAgent = destination.agent().value();
        transfer.destinationVolume = destination.volume();
        transfer.destinationPath = destination.path().toString();
        transfer.state = TransferState.PENDING;
        return transfer;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
