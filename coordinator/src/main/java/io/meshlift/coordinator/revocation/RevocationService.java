package io.meshlift.coordinator.revocation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.keycloak.AgentClients;
import io.meshlift.core.pki.AgentId;

/**
 * Revokes agents. The revocation is committed first, so the mesh refuses the agent even when Keycloak is
 * down; then every connection of the agent on this replica is closed (other replicas follow within one
 * scheduler interval), and last its Keycloak client is disabled. A retry finishes a revocation whose
 * Keycloak step failed.
 */
@ApplicationScoped
public class RevocationService {

    private static final Logger LOG = Logger.getLogger(RevocationService.class);

    private final Recorder recorder;
    private final RevokedAgents revoked;
    private final AgentClients clients;
    private final Event<AgentRevoked> events;

    RevocationService(Recorder recorder, RevokedAgents revoked, AgentClients clients, Event<AgentRevoked> events) {
        this.recorder = recorder;
        this.revoked = revoked;
        this.clients = clients;
        this.events = events;
    }

    /**
     * Revokes {@code agentId}; idempotent.
     *
     * @throws io.meshlift.core.pki.InvalidAgentIdException if it is not a valid agent id
     * @throws io.meshlift.coordinator.keycloak.IdentityProviderUnavailableException if the agent is
     *     revoked but its Keycloak client could not be disabled (retry)
     */
    public void revoke(String agentId, String revokedBy) {
        AgentId agent = AgentId.of(agentId);
        if (recorder.record(agent, revokedBy)) {
            LOG.infof("agent %s revoked by %s", agent, revokedBy);
        }
        revoked.refresh();
        events.fire(new AgentRevoked(agent));
        clients.disable(agent);
    }

    /** The database step, in a transaction of its own. */
    @ApplicationScoped
    static class Recorder {

        private final AgentRevocationRepository revocations;
        private final LedgerService ledger;

        Recorder(AgentRevocationRepository revocations, LedgerService ledger) {
            this.revocations = revocations;
            this.ledger = ledger;
        }

        /** @return false if the agent was already revoked */
        @Transactional
        boolean record(AgentId agent, String revokedBy) {
            if (revocations.findByIdOptional(agent.value()).isPresent()) {
                return false;
            }
            AgentRevocation revocation = new AgentRevocation();
            revocation.agentId = agent.value();
            revocation.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            revocation.revokedBy = revokedBy;
            revocations.persist(revocation);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("agent", agent.value());
            payload.put("revokedBy", revokedBy == null ? "" : revokedBy);
            ledger.append(null, LedgerKind.AGENT_REVOKED, payload);
            return true;
        }
    }
}
