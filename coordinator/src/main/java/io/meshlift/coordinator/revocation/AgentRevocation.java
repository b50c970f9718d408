package io.meshlift.coordinator.revocation;

import java.time.Instant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A revoked agent. Revocation is permanent: a revoked id is never trusted again by this mesh. */
@Entity
@Table(name = "agent_revocations")
public class AgentRevocation {

    @Id
    @Column(name = "agent_id", length = 63)
    public String agentId;

    @Column(name = "revoked_at", nullable = false)
    public Instant revokedAt;

    /** The admin who revoked it. */
    @Column(name = "revoked_by")
    public String revokedBy;
}
