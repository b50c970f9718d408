package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.config.ReplicaIdentity;
import io.meshlift.coordinator.grant.GrantService;

/**
 * The job engine's clock: at a fixed delay it takes back expired leases, renews this replica's leases,
 * and claims due transfers for the agents connected to this replica, sending each its assignment.
 *
 * <p>Lifecycle: {@link #start} is called by the control channel once it serves (a replica without
 * agents has nothing to assign); runs after {@code ShutdownEvent} never start. Runs never overlap.
 */
@ApplicationScoped
public class TransferScheduler {

    private static final Logger LOG = Logger.getLogger(TransferScheduler.class);

    private final TransferLeases leases;
    private final AgentLink agents;
    private final CoordinatorConfig config;
    private final ReplicaIdentity replica;
    private final GrantService grants;
    /** Assignments this replica sent, by id: to whom, and when their grant was issued. Run thread only. */
    private final Map<String, Sent> sent = new HashMap<>();

    private ScheduledExecutorService executor;

    private record Sent(String agent, Instant grantIssued) {}

    TransferScheduler(
            TransferLeases leases,
            AgentLink agents,
            CoordinatorConfig config,
            ReplicaIdentity replica,
            GrantService grants) {
        this.leases = leases;
        this.agents = agents;
        this.config = config;
        this.replica = replica;
        this.grants = grants;
    }

    /**
     * Starts the periodic runs, plus {@code extra} (e.g. the control channel's heartbeat sweep) at the
     * same delay on the same thread.
     */
    public synchronized void start(Runnable extra) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "transfer-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long delay = config.jobs().schedulerInterval().toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    guarded("heartbeat sweep", extra);
                    guarded("transfer scheduling", this::runOnce);
                },
                delay,
                delay,
                TimeUnit.MILLISECONDS);
    }

    /** One run: expire, renew, claim and assign. Public for tests that drive the engine step by step. */
    public synchronized void runOnce() {
        Instant now = Instant.now();
        Instant until = now.plus(config.jobs().leaseDuration());
        int expired = leases.expire(now);
        if (expired > 0) {
            LOG.infof("%d transfer lease(s) expired; their transfers are pending again", expired);
        }
        Set<String> connected = agents.connectedAgents();
        leases.renew(replica.id(), connected, until);
        for (String agent : connected) {
            List<AssignmentOrder> orders =
                    leases.claim(agent, config.jobs().defaultPullsPerAgent(), replica.id(), now, until);
            for (AssignmentOrder order : orders) {
                if (order.resend()) {
                    agents.command(agent, AgentLink.AgentCommand.RESUME, order.assignmentId());
                }
                if (agents.assign(agent, order)) {
                    sent.put(order.assignmentId(), new Sent(agent, now));
                    // "again": the same assignment re-sent (lease taken over, job resumed), not a new attempt.
                    LOG.infof(
                            "assigned %s (job %s, dataset %s) to %s%s",
                            order.assignmentId(),
                            order.jobId(),
                            order.dataset(),
                            agent,
                            order.resend() ? " again" : "");
                } else {
                    leases.release(order.assignmentId(), replica.id());
                }
            }
        }
        refreshGrants(now, connected);
    }

    /**
     * Re-sends running assignments whose grant is past half its lifetime, with a fresh grant, so a transfer
     * longer than {@code coordinator.grants.lifetime} is never cut off by its source. Assignments no longer
     * active under this replica's lease are forgotten.
     */
    private void refreshGrants(Instant now, Set<String> connected) {
        Instant due = now.minus(grants.lifetime().dividedBy(2));
        for (var it = sent.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue().grantIssued().plus(grants.lifetime()).isBefore(now)) {
                it.remove(); // its lease is long gone too: a new claim sends a new grant
                continue;
            }
            if (entry.getValue().grantIssued().isAfter(due)
                    || !connected.contains(entry.getValue().agent())) {
                continue;
            }
            var order = leases.refresh(entry.getKey(), replica.id());
            if (order.isEmpty()) {
                it.remove();
            } else if (agents.assign(entry.getValue().agent(), order.get())) {
                entry.setValue(new Sent(entry.getValue().agent(), now));
                LOG.debugf("sent %s a fresh grant for %s", entry.getValue().agent(), entry.getKey());
            }
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failed run (database briefly away, a lost optimistic race) is retried by the next one.
            LOG.warnf(e, "%s failed; retrying at the next run", what);
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
