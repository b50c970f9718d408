package io.meshlift.coordinator.enrollment;

/**
 * An enrollment request the coordinator refuses. The reason decides the answer (see the API's problem
 * mapper) and is what the audit ledger records; the message names the agent and what was expected.
 */
public class EnrollmentRefusedException extends RuntimeException {

    /** Why; stored in the ledger by name, so names never change. */
    public enum Reason {
        /** No enrollment token in the body nor an {@code Authorization: Enrollment} header. */
        TOKEN_MISSING,
        /** No such token (never issued, or replaced by a newer one). */
        TOKEN_UNKNOWN,
        /** The token was already spent by an earlier (or a concurrent) enrollment. */
        TOKEN_USED,
        TOKEN_EXPIRED,
        /** The token was issued for a different agent than the request names. */
        TOKEN_FOR_OTHER_AGENT,
        AGENT_REVOKED,
        /** The request is not well-formed: bad agent id, two different tokens, no CSR. */
        INVALID_REQUEST,
        /** The CSR is not PEM PKCS#10. */
        CSR_MALFORMED,
        /** The CSR fails the CA's checks: signature, key type, or identities other than the agent's. */
        CSR_REJECTED
    }

    private final Reason reason;
    private final String agentId;

    public EnrollmentRefusedException(Reason reason, String agentId, String message) {
        super(message);
        this.reason = reason;
        this.agentId = agentId;
    }

    public EnrollmentRefusedException(Reason reason, String agentId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.agentId = agentId;
    }

    public Reason reason() {
        return reason;
    }

    /** The agent the request claimed to be, as sent (may be invalid or null). */
    public String agentId() {
        return agentId;
    }
}
