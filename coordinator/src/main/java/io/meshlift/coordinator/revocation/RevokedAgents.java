package io.meshlift.coordinator.revocation;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.meshlift.core.pki.AgentId;

/**
 * The revoked set as TLS handshakes read it: an in-memory copy of {@code agent_revocations}, so the trust
 * manager never queries the database on a Netty thread. It is refreshed on every scheduler run (so a
 * revocation made on another replica arrives within one interval) and at once on a local revocation.
 */
@ApplicationScoped
public class RevokedAgents implements Supplier<Set<AgentId>> {

    private final AgentRevocationRepository revocations;
    private volatile Set<AgentId> revoked;

    RevokedAgents(AgentRevocationRepository revocations) {
        this.revocations = revocations;
    }

    /** The current set; loads it on first use. Never null. */
    @Override
    public Set<AgentId> get() {
        Set<AgentId> current = revoked;
        return current != null ? current : refresh().all();
    }

    public boolean isRevoked(AgentId agent) {
        return get().contains(agent);
    }

    /** Re-reads the table (in a transaction of its own when called from the scheduler thread). */
    @Transactional
    public Change refresh() {
        Set<AgentId> loaded =
                revocations.listAll().stream().map(r -> AgentId.of(r.agentId)).collect(Collectors.toUnmodifiableSet());
        Set<AgentId> before = revoked == null ? Set.of() : revoked;
        revoked = loaded;
        Set<AgentId> added = new HashSet<>(loaded);
        added.removeAll(before);
        return new Change(loaded, Set.copyOf(added));
    }

    /** @param added ids revoked since the previous refresh */
    public record Change(Set<AgentId> all, Set<AgentId> added) {}
}
