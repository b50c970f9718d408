package io.meshlift.coordinator.enrollment;

import java.time.Instant;

/** The answer to an admin who asked for an enrollment token: shown once, hand it to the agent's operator. */
public record EnrollmentTokenView(String agentId, String token, Instant expiresAt, String enrollPath) {

    @Override
    public String toString() {
        return "EnrollmentTokenView[agentId=" + agentId + ", token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
