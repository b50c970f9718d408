package io.meshlift.coordinator.agentauth;

/**
 * An agent's access token was refused. {@link Kind#INVALID} means it proves nothing (absent, malformed,
 * bad signature, wrong issuer or audience, expired): the caller is unauthenticated. {@link Kind#FORBIDDEN}
 * means it is genuine but does not entitle this agent: wrong client or no agent role.
 */
public class AgentTokenRejectedException extends RuntimeException {

    public enum Kind {
        INVALID,
        FORBIDDEN
    }

    private final Kind kind;

    public AgentTokenRejectedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AgentTokenRejectedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
