package io.meshlift.coordinator.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.pki.AgentId;

/**
 * One-time enrollment tokens: 256 random bits, shown once; only their SHA-256 is stored. A token enrolls
 * exactly one agent, once, before it expires.
 */
@ApplicationScoped
public class EnrollmentTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final EnrollmentTokenRepository tokens;
    private final EnrollmentConfig config;
    private final Clock clock = Clock.systemUTC();

    EnrollmentTokens(EnrollmentTokenRepository tokens, EnrollmentConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** A token as handed to the admin: the only time its text exists outside the caller. */
    public record Issued(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** Issues a token for {@code agent}; the agent's earlier unused tokens stop working. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Issued issue(AgentId agent, String issuedBy) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tokens.deleteUnused(agent.value());
        EnrollmentToken row = new EnrollmentToken();
        row.tokenSha256 = hash(token);
        row.agentId = agent.value();
        row.issuedAt = now();
        row.expiresAt = row.issuedAt.plus(config.enrollment().tokenLifetime());
        row.issuedBy = issuedBy;
        tokens.persist(row);
        return new Issued(token, row.expiresAt);
    }

    /**
     * Refuses the token unless it could enroll {@code agent} now. A read-only pre-check, so a request that
     * fails later checks (a bad CSR) leaves the token usable; {@link #spend} is the atomic decision.
     *
     * @throws EnrollmentRefusedException why the token does not fit
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void check(String token, AgentId agent) {
        Optional<EnrollmentToken> found = tokens.findByIdOptional(hash(token));
        if (found.isEmpty()) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_UNKNOWN,
                    agent.value(),
                    "the enrollment token is not known (never issued, or replaced by a newer one)");
        }
        refuseUnusable(found.get(), agent);
    }

    /**
     * Spends the token for {@code agent} in the caller's transaction: one conditional UPDATE, so exactly
     * one of any number of concurrent requests (on any replica) succeeds; the row stays locked until the
     * caller commits, and a rollback leaves the token unspent.
     *
     * @throws EnrollmentRefusedException if the token is no longer usable (typically: spent meanwhile)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String token, AgentId agent) {
        String hash = hash(token);
        if (!tokens.spend(hash, agent.value(), now())) {
            EnrollmentToken row = tokens.findById(hash);
            if (row == null) {
                throw new EnrollmentRefusedException(
                        EnrollmentRefusedException.Reason.TOKEN_UNKNOWN,
                        agent.value(),
                        "the enrollment token was replaced by a newer one");
            }
            tokens.getEntityManager().refresh(row);
            refuseUnusable(row, agent);
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_USED,
                    agent.value(),
                    "the enrollment token of agent " + agent + " was spent by a concurrent enrollment");
        }
    }

    private void refuseUnusable(EnrollmentToken row, AgentId agent) {
        if (!row.agentId.equals(agent.value())) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_FOR_OTHER_AGENT,
                    agent.value(),
                    "the enrollment token was issued for another agent, not for " + agent);
        }
        if (row.usedAt != null) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_USED,
                    agent.value(),
                    "the enrollment token of agent " + agent + " was already used at " + row.usedAt
                            + "; ask an admin for a new one");
        }
        if (!row.expiresAt.isAfter(now())) {
            throw new EnrollmentRefusedException(
                    EnrollmentRefusedException.Reason.TOKEN_EXPIRED,
                    agent.value(),
                    "the enrollment token of agent " + agent + " expired at " + row.expiresAt
                            + "; ask an admin for a new one");
        }
    }

    static String hash(String token) {
        return Sha256.hex(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
