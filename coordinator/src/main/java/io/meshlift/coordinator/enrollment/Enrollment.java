package io.meshlift.coordinator.enrollment;

import java.time.Instant;

/**
 * What an enrolled agent receives: everything it needs to join the mesh and log in to Keycloak.
 *
 * @param certificateChain PEM, the agent's certificate first
 * @param caCertificate PEM of the mesh CA, the agent's trust anchor
 * @param clientSecret secret of {@code clientId}, issued for this enrollment (earlier secrets stop working)
 */
public record Enrollment(
        String agentId,
        String certificateChain,
        String caCertificate,
        Instant notAfter,
        String clientId,
        String clientSecret) {

    @Override
    public String toString() {
        return "Enrollment[agentId=" + agentId + ", notAfter=" + notAfter + ", clientId=" + clientId
                + ", clientSecret=<redacted>]";
    }
}
