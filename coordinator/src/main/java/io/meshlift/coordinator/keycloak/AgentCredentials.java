package io.meshlift.coordinator.keycloak;

/** An agent's client-credentials login; {@code toString} leaves the secret out so it never reaches a log. */
public record AgentCredentials(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "AgentCredentials[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}
