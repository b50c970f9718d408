package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.meshlift.core.pki.AgentId;

/** Reads and, for the control channel, maintains the agent registry. */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    private final AgentRepository agents;

    AgentService(AgentRepository agents) {
        this.agents = agents;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgentView> list() {
        ActiveTransfers active = ActiveTransfers.count(agents.getEntityManager());
        return agents.listById().stream().map(a -> AgentView.of(a, active)).toList();
    }

    /** Ids of every agent that ever registered, whatever its state: what plans may name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgentId> knownIds() {
        return agents.listById().stream().map(a -> AgentId.of(a.id)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Agent> find(String id) {
        return agents.findByIdOptional(id);
    }

    /**
     * Creates or updates the agent's row from its Register: ONLINE, seen now, in a transaction of its own.
     *
     * <p>The first registration of an agent can reach two replicas at once (an agent that gave up waiting
     * on one replica's Welcome and dialled the next): both find no row to lock and both insert. The
     * primary key lets one insert win; the other meets it, rolls back and runs again, now finding the row
     * and updating it under its lock, so a registration never fails for having raced another.
     *
     * @return the highest report id applied for this agent (the Welcome's acknowledged_report_id)
     */
    public long register(AgentRegistration registration) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> registerOnce(registration));
        } catch (PersistenceException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            LOG.debugf("agent %s was registered concurrently by another replica; updating its row", registration.id());
            return QuarkusTransaction.requiringNew().call(() -> registerOnce(registration));
        }
    }

    private long registerOnce(AgentRegistration registration) {
        Agent agent = agents.findById(registration.id(), LockModeType.PESSIMISTIC_WRITE);
        boolean isNew = agent == null;
        if (isNew) {
            agent = new Agent();
            agent.id = registration.id();
        }
        agent.state = AgentState.ONLINE;
        agent.lastSeen = now();
        agent.volumes = registration.volumes();
        agent.agentVersion = registration.version();
        agent.peerHost = registration.peerHost();
        agent.peerPort = registration.peerPort();
        agent.maxConcurrentPulls = registration.maxConcurrentPulls();
        if (isNew) {
            agents.persist(agent);
            // Meet a concurrent first registration here, inside the call, where register() can retry.
            agents.flush();
        }
        if (registration.lastReportId() < agent.lastReportId) {
            // The agent lost reports it had produced (e.g. its state directory was wiped): say so, keep ours.
            LOG.warnf(
                    "agent %s registers with last report id %d, below the %d already applied",
                    agent.id, registration.lastReportId(), agent.lastReportId);
        }
        return agent.lastReportId;
    }

    /** Records a heartbeat: ONLINE, seen now, and the volumes when the heartbeat carries them. */
    @Transactional
    public void heartbeat(String id, List<AgentVolume> volumes) {
        Agent agent = agents.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (agent == null) {
            return;
        }
        agent.state = AgentState.ONLINE;
        agent.lastSeen = now();
        if (!volumes.isEmpty()) {
            agent.volumes = volumes;
        }
    }

    /**
     * Marks OFFLINE every ONLINE agent not seen since {@code cutoff}.
     *
     * @return their ids
     */
    @Transactional
    public List<String> markOffline(Instant cutoff) {
        List<Agent> silent = agents.find(
                        "state = ?1 and (lastSeen is null or lastSeen < ?2)", AgentState.ONLINE, cutoff)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        silent.forEach(a -> a.state = AgentState.OFFLINE);
        return silent.stream().map(a -> a.id).toList();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
