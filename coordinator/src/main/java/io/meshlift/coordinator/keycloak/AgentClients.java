package io.meshlift.coordinator.keycloak;

import io.meshlift.core.pki.AgentId;

/**
 * The identity provider's side of agents: one confidential, service-account-only client per agent, named
 * {@link #clientIdOf(AgentId)}, holding the realm role {@code meshlift-agent}, whose access tokens carry
 * the audience {@code meshlift-coordinator}. Implementations are thread-safe; every method is idempotent.
 *
 * @see KeycloakAgentClients
 */
public interface AgentClients {

    /** The client id of an agent's client; the control channel requires a token's client to equal it. */
    static String clientIdOf(AgentId agent) {
        return "meshlift-agent-" + agent.value();
    }

    /**
     * Creates the agent's client if missing (and enables it), with its role and audience.
     *
     * @throws IdentityProviderUnavailableException if the provider cannot be reached or refuses
     */
    void ensureClient(AgentId agent);

    /**
     * Issues a new secret for the agent's client (so any earlier secret stops working) and returns it.
     *
     * @throws IdentityProviderUnavailableException if the provider cannot be reached, refuses, or has no
     *     such client
     */
    AgentCredentials rotateSecret(AgentId agent);

    /**
     * Disables the agent's client, so it gets no new tokens; a no-op if it has none.
     *
     * @throws IdentityProviderUnavailableException if the provider cannot be reached or refuses
     */
    void disable(AgentId agent);
}
