package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.grant.GrantService;
import io.meshlift.coordinator.job.Job;
import io.meshlift.coordinator.job.JobRepository;
import io.meshlift.coordinator.job.JobState;
import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.TransferSettings;

/**
 * Which replica drives which transfer. The database is the coordination engine: a replica claims PENDING
 * transfers with {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL; on H2, Hibernate falls back to a
 * plain row lock), and the {@code @Version} column makes a second claim of the same row fail on any
 * database, so a transfer is never assigned twice. A claim is a lease: renewed while the destination's
 * stream stays on this replica, taken back to PENDING once it expires.
 */
@ApplicationScoped
public class TransferLeases {

    /** Hibernate's lock-timeout value for SKIP LOCKED ({@code org.hibernate.Timeouts.SKIP_LOCKED_MILLI}). */
    private static final int SKIP_LOCKED = -2;

    private static final List<TransferState> ACTIVE = List.of(TransferState.ASSIGNED, TransferState.RUNNING);

    private final TransferRepository transfers;
    private final AgentRepository agents;
    private final JobRepository jobs;
    private final TransferEngine engine;
    private final GrantService grants;

    TransferLeases(
            TransferRepository transfers,
            AgentRepository agents,
            JobRepository jobs,
            TransferEngine engine,
            GrantService grants) {
        this.transfers = transfers;
        this.agents = agents;
        this.jobs = jobs;
        this.engine = engine;
        this.grants = grants;
    }

    /**
     * Claims up to the destination agent's free capacity of PENDING transfers of RUNNING jobs, due now,
     * whose source agent has registered a peer address.
     *
     * @param defaultCapacity transfers the agent runs at once when it did not say
     * @return what to send to the agent, one order per claimed transfer
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<AssignmentOrder> claim(
            String agentId, int defaultCapacity, String owner, Instant now, Instant leaseUntil) {
        Agent destination = agents.findById(agentId);
        if (destination == null) {
            return List.of();
        }
        int capacity = destination.maxConcurrentPulls == null || destination.maxConcurrentPulls <= 0
                ? defaultCapacity
                : destination.maxConcurrentPulls;
        long active = transfers.count("destinationAgent = ?1 and state in ?2", agentId, ACTIVE);
        int free = (int) Math.max(0, capacity - active);
        if (free == 0) {
            return List.of();
        }
        List<Transfer> candidates = transfers
                .find(
                        "state = ?1 and destinationAgent = ?2 and (nextAttemptAt is null or nextAttemptAt <= ?3)"
                                + " and jobId in (select j.id from Job j where j.state = ?4)",
                        Sort.by("jobId").and("dataset").and("id"),
                        TransferState.PENDING,
                        agentId,
                        now,
                        JobState.RUNNING)
                .page(0, free)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .list();
        List<AssignmentOrder> orders = new ArrayList<>();
        for (Transfer transfer : candidates) {
            Agent source = agents.findById(transfer.sourceAgent);
            if (source == null || source.peerHost == null || source.peerPort == null) {
                continue; // stays PENDING until the source has told us where peers reach it
            }
            boolean resend = transfer.assignmentId != null;
            if (!resend) {
                transfer.attempts++;
                transfer.assignmentId = AssignmentIds.of(transfer.id, transfer.attempts);
            }
            transfer.state = TransferState.ASSIGNED;
            transfer.leaseOwner = owner;
            transfer.leaseUntil = leaseUntil;
            transfer.nextAttemptAt = null;
            orders.add(order(transfer, source, resend));
        }
        return orders;
    }

    /**
     * The current assignment again, with a fresh grant, if it is still active under this replica's lease:
     * how a long transfer's grant is renewed before it expires. The agent already runs it and only takes
     * the new grant.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AssignmentOrder> refresh(String assignmentId, String owner) {
        return AssignmentIds.transferId(assignmentId)
                .flatMap(transfers::findByIdOptional)
                .filter(t ->
                        ACTIVE.contains(t.state) && owner.equals(t.leaseOwner) && assignmentId.equals(t.assignmentId))
                .flatMap(t -> Optional.ofNullable(agents.findById(t.sourceAgent))
                        .filter(source -> source.peerHost != null && source.peerPort != null)
                        .map(source -> order(t, source, true)));
    }

    private AssignmentOrder order(Transfer transfer, Agent source, boolean resend) {
        Job job = jobs.require(transfer.jobId);
        // A fresh grant on every send (first, resend after a lease change, refresh): the destination may
        // read exactly this transfer's source volume/path from its source agent, for the grant lifetime.
        byte[] grant = grants.issue(new GrantService.Request(
                transfer.jobId.toString(),
                transfer.assignmentId,
                transfer.dataset,
                source.id,
                transfer.sourceVolume,
                transfer.sourcePath,
                transfer.destinationAgent));
        TransferSettings settings = engine.settings(transfer);
        DatasetSpec dataset = engine.dataset(job.planId, transfer.dataset);
        return new AssignmentOrder(
                transfer.assignmentId,
                transfer.jobId,
                transfer.dataset,
                job.pass,
                source.id,
                source.peerHost,
                source.peerPort,
                transfer.sourceVolume,
                transfer.sourcePath,
                transfer.destinationVolume,
                transfer.destinationPath,
                settings.chunkSize(),
                settings.verify().planName(),
                dataset == null ? List.of() : dataset.include(),
                dataset == null ? List.of() : dataset.exclude(),
                settings.bandwidthLimit().bytesPerSecond(),
                settings.deleteExtraneous(),
                settings.concurrency(),
                grant,
                resend);
    }

    /** Extends the leases this replica holds on transfers whose destination is still connected to it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int renew(String owner, Collection<String> connectedAgents, Instant leaseUntil) {
        if (connectedAgents.isEmpty()) {
            return 0;
        }
        // No version bump: a lease extension must not make a concurrent report's update fail.
        return transfers.update(
                "leaseUntil = ?1 where leaseOwner = ?2 and state in ?3 and destinationAgent in ?4",
                leaseUntil,
                owner,
                ACTIVE,
                List.copyOf(connectedAgents));
    }

    /**
     * Returns transfers whose lease expired (their replica died, or their agent's stream went away) to
     * PENDING. They keep their assignment id, so the next claim re-sends the same assignment and an agent
     * that still runs it just carries on.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expire(Instant now) {
        return transfers.update(
                "state = ?1, leaseOwner = null, leaseUntil = null, version = version + 1"
                        + " where state in ?2 and leaseUntil < ?3",
                TransferState.PENDING,
                ACTIVE,
                now);
    }

    /** Gives back a claim whose assignment could not be queued, so the next run tries again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String assignmentId, String owner) {
        AssignmentIds.transferId(assignmentId)
                .flatMap(transfers::findByIdOptional)
                .filter(t -> t.state == TransferState.ASSIGNED
                        && owner.equals(t.leaseOwner)
                        && assignmentId.equals(t.assignmentId))
                .ifPresent(t -> {
                    t.state = TransferState.PENDING;
                    t.leaseOwner = null;
                    t.leaseUntil = null;
                });
    }
}
