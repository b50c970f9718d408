package io.meshlift.coordinator.enrollment;

/**
 * What an agent sends to enroll.
 *
 * @param agentId the agent id the token was issued for and the CSR names
 * @param csr PEM PKCS#10 request, self-signed with the agent's new key (which never leaves the agent)
 * @param token the one-time enrollment token; may instead come in an {@code Authorization: Enrollment}
 *     header
 */
public record EnrollRequest(String agentId, String csr, String token) {

    @Override
    public String toString() {
        return "EnrollRequest[agentId=" + agentId + ", token=<redacted>]";
    }
}
