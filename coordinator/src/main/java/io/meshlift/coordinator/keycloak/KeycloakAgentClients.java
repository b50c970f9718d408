package io.meshlift.coordinator.keycloak;

import java.util.List;
import java.util.Map;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.meshlift.core.pki.AgentId;

/**
 * {@link AgentClients} through the Keycloak admin API, logged in as {@code coordinator.keycloak.client-id}
 * with client credentials. The {@link Keycloak} instance is built on first use, so a coordinator without
 * Keycloak configured starts and serves everything but enrollment and revocation. Every admin-API failure
 * becomes an {@link IdentityProviderUnavailableException}: Keycloak's own HTTP status must never be
 * mistaken for an answer to our caller.
 */
@ApplicationScoped
public class KeycloakAgentClients implements AgentClients {

    private static final Logger LOG = Logger.getLogger(KeycloakAgentClients.class);

    private final KeycloakConfig config;
    private volatile Keycloak keycloak;

    KeycloakAgentClients(KeycloakConfig config) {
        this.config = config;
    }

    @Override
    public void ensureClient(AgentId agent) {
        String clientId = AgentClients.clientIdOf(agent);
        call("create client " + clientId, () -> {
            RealmResource realm = realm();
            List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
            if (found.isEmpty()) {
                try (Response created = realm.clients().create(clientOf(agent))) {
                    // 409: another replica created it meanwhile; either way it exists now.
                    if (created.getStatus() != 201 && created.getStatus() != 409) {
                        throw new IdentityProviderUnavailableException(
                                "Keycloak answered " + created.getStatus() + " creating client " + clientId);
                    }
                }
                found = realm.clients().findByClientId(clientId);
                LOG.infof("created Keycloak client %s for agent %s", clientId, agent);
            }
            ClientRepresentation client = found.get(0);
            ClientResource resource = realm.clients().get(client.getId());
            if (!Boolean.TRUE.equals(client.isEnabled())) {
                client.setEnabled(true);
                resource.update(client);
            }
            UserRepresentation serviceAccount = resource.getServiceAccountUser();
            RoleRepresentation role = realm.roles().get(config.agentRole()).toRepresentation();
            // Adding a role the user already has is a no-op in Keycloak.
            realm.users().get(serviceAccount.getId()).roles().realmLevel().add(List.of(role));
            return null;
        });
    }

    @Override
    public AgentCredentials rotateSecret(AgentId agent) {
        String clientId = AgentClients.clientIdOf(agent);
        return call("issue a secret for client " + clientId, () -> {
            RealmResource realm = realm();
            List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
            if (found.isEmpty()) {
                throw new IdentityProviderUnavailableException("Keycloak has no client " + clientId);
            }
            String secret = realm.clients()
                    .get(found.get(0).getId())
                    .generateNewSecret()
                    .getValue();
            return new AgentCredentials(clientId, secret);
        });
    }

    @Override
    public void disable(AgentId agent) {
        String clientId = AgentClients.clientIdOf(agent);
        call("disable client " + clientId, () -> {
            RealmResource realm = realm();
            for (ClientRepresentation client : realm.clients().findByClientId(clientId)) {
                client.setEnabled(false);
                realm.clients().get(client.getId()).update(client);
                LOG.infof("disabled Keycloak client %s of agent %s", clientId, agent);
            }
            return null;
        });
    }

    /** Confidential, service account only: no browser or password flows, so the secret is the only way in. */
    private ClientRepresentation clientOf(AgentId agent) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(AgentClients.clientIdOf(agent));
        client.setName("Meshlift agent " + agent.value());
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("coordinator-audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of(
                "included.custom.audience", config.coordinatorAudience(),
                "access.token.claim", "true",
                "id.token.claim", "false"));
        client.setProtocolMappers(List.of(audience));
        return client;
    }

    private RealmResource realm() {
        return admin().realm(config.realm());
    }

    private Keycloak admin() {
        Keycloak built = keycloak;
        if (built == null) {
            synchronized (this) {
                if (keycloak == null) {
                    String url = config.url()
                            .orElseThrow(() -> new IdentityProviderUnavailableException(
                                    "Keycloak is not configured: set coordinator.keycloak.url"));
                    String secret = config.clientSecret()
                            .orElseThrow(() -> new IdentityProviderUnavailableException(
                                    "Keycloak is not configured: set coordinator.keycloak.client-secret"));
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(url)
                            .realm(config.realm())
                            .clientId(config.clientId())
                            .clientSecret(secret)
                            .grantType("client_credentials")
                            .build();
                }
                built = keycloak;
            }
        }
        return built;
    }

    private <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IdentityProviderUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Messages of admin-client errors carry status and URL, never credentials.
            throw new IdentityProviderUnavailableException(
                    "cannot " + what + " in Keycloak realm " + config.realm() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
