package io.meshlift.coordinator.enrollment;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EnrollmentTokenRepository implements PanacheRepositoryBase<EnrollmentToken, String> {

    /**
     * Spends the token if it is still unused, unexpired and for {@code agentId}, in one conditional UPDATE:
     * of two concurrent requests (on any replica) the database lets exactly one change the row; the other
     * waits for the row lock and then matches nothing.
     *
     * @return whether this call spent it
     */
    public boolean spend(String tokenSha256, String agentId, Instant now) {
        return update(
                        "usedAt = ?1 where tokenSha256 = ?2 and agentId = ?3 and usedAt is null and expiresAt > ?1",
                        now,
                        tokenSha256,
                        agentId)
                == 1;
    }

    /** Drops the agent's tokens nobody used: a new token replaces them. */
    public long deleteUnused(String agentId) {
        return delete("agentId = ?1 and usedAt is null", agentId);
    }
}
