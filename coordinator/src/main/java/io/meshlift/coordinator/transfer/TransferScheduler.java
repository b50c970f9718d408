package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.List;
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
    private ScheduledExecutorService executor;

    TransferScheduler(TransferLeases leases, AgentLink agents, CoordinatorConfig config, ReplicaIdentity replica) {
        this.leases = leases;
        this.agents = agents;
        this.config = config;
        this.replica = replica;
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
    public void runOnce() {
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
                    LOG.infof(
                            "assigned %s (job %s, dataset %s) to %s",
                            order.assignmentId(), order.jobId(), order.dataset(), agent);
                } else {
                    leases.release(order.assignmentId(), replica.id());
                }
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
