package io.meshlift.coordinator.keycloak;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.arc.properties.IfBuildProperty;

import io.meshlift.core.pki.AgentId;

/**
 * {@link AgentClients} in memory: replaces the Keycloak-backed bean in every {@code @QuarkusTest} of this
 * module (none of which has a Keycloak); the real one is exercised by the Keycloak-backed tests in
 * {@code io.meshlift.it.enrollment}. Tests use agent ids of their own, as they do in the database.
 */
@Alternative
@Priority(1)
@ApplicationScoped
// Off in the Keycloak-backed tests (KeycloakProfile), which exercise the real KeycloakAgentClients.
@IfBuildProperty(name = "meshlift.test.fake-keycloak", stringValue = "true", enableIfMissing = true)
public class FakeAgentClients implements AgentClients {

    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();

    @Override
    public void ensureClient(AgentId agent) {
        failIfDown();
        enabled.put(AgentClients.clientIdOf(agent), true);
    }

    @Override
    public AgentCredentials rotateSecret(AgentId agent) {
        failIfDown();
        String clientId = AgentClients.clientIdOf(agent);
        if (!enabled.containsKey(clientId)) {
            throw new IdentityProviderUnavailableException("no client " + clientId);
        }
        String secret = UUID.randomUUID().toString();
        secrets.put(clientId, secret);
        return new AgentCredentials(clientId, secret);
    }

    @Override
    public void disable(AgentId agent) {
        failIfDown();
        enabled.computeIfPresent(AgentClients.clientIdOf(agent), (id, was) -> false);
    }

    /** Makes every call fail as if Keycloak were unreachable. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    public Set<String> clients() {
        return Set.copyOf(enabled.keySet());
    }

    public boolean isEnabled(String clientId) {
        return enabled.getOrDefault(clientId, false);
    }

    public String secretOf(String clientId) {
        return secrets.get(clientId);
    }

    private void failIfDown() {
        if (down.get()) {
            throw new IdentityProviderUnavailableException("fake Keycloak is down");
        }
    }
}
