package io.meshlift.coordinator.keycloak;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import io.meshlift.coordinator.dashboard.DashboardUrls;

/**
 * Brings an existing Keycloak to {@link RealmLayout}: creates what is missing, leaves what exists.
 * It never deletes, never rotates a secret and never widens an existing client, so running it again
 * (every coordinator start, if enabled) is harmless. Needs an admin of the master realm, which is
 * why it is a first-install tool: production runs it once and then drops those credentials.
 */
public final class RealmProvisioner {

    private static final System.Logger LOG = System.getLogger(RealmProvisioner.class.getName());
    private static final String OIDC = "openid-connect";

    private final Keycloak admin;
    private final String realmName;
    private final URI dashboardUrl;

    /**
     * @param realmName {@link RealmLayout#REALM} in production; tests provision realms of their own
     * @param dashboardUrl where people open the dashboard ({@code coordinator.dashboard.url}): the only
     *     redirect URI of {@link RealmLayout#DASHBOARD_CLIENT}, and its origin the only web origin
     */
    public RealmProvisioner(Keycloak admin, String realmName, URI dashboardUrl) {
        this.admin = admin;
        this.realmName = realmName;
        this.dashboardUrl = dashboardUrl;
    }

    /** Returns what it changed, in order, for the log; an empty list means the realm was complete. */
    public List<String> provision() {
        List<String> changes = new ArrayList<>();
        ensureRealm(changes);
        RealmResource realm = admin.realm(realmName);
        for (String role : RealmLayout.ROLES) {
            ensureRole(realm, role, changes);
        }
        String audienceScopeId = ensureAudienceScope(realm, changes);
        ensureClient(realm, coordinatorClient(), audienceScopeId, changes);
        ensureClient(realm, cliClient(), audienceScopeId, changes);
        ensureClient(realm, dashboardClient(dashboardUrl), audienceScopeId, changes);
        String provisionerId = ensureClient(realm, provisionerClient(), audienceScopeId, changes);
        grantRealmManagement(realm, provisionerId, changes);
        changes.forEach(change -> LOG.log(System.Logger.Level.INFO, "Keycloak: " + change));
        return changes;
    }

    /** The provisioner client's current secret, read through the admin API; never logged. */
    public String provisionerSecret() {
        RealmResource realm = admin.realm(realmName);
        String id = clientId(realm, RealmLayout.PROVISIONER_CLIENT)
                .orElseThrow(() -> new IllegalStateException("client " + RealmLayout.PROVISIONER_CLIENT
                        + " does not exist in realm " + realmName + "; provision first"));
        return realm.clients().get(id).getSecret().getValue();
    }

    private void ensureRealm(List<String> changes) {
        boolean exists = admin.realms().findAll().stream().anyMatch(r -> realmName.equals(r.getRealm()));
        if (exists) {
            return;
        }
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setEnabled(true);
        realm.setAccessTokenLifespan(RealmLayout.ACCESS_TOKEN_LIFESPAN_SECONDS);
        realm.setSslRequired("external");
        admin.realms().create(realm);
        changes.add("created realm " + realmName);
    }

    private static void ensureRole(RealmResource realm, String name, List<String> changes) {
        boolean exists = realm.roles().list().stream().anyMatch(role -> name.equals(role.getName()));
        if (!exists) {
            RoleRepresentation role = new RoleRepresentation();
            role.setName(name);
            realm.roles().create(role);
            changes.add("created realm role " + name);
        }
    }

    private static String ensureAudienceScope(RealmResource realm, List<String> changes) {
        Optional<String> existing = realm.clientScopes().findAll().stream()
                .filter(s -> RealmLayout.AUDIENCE_SCOPE.equals(s.getName()))
                .map(ClientScopeRepresentation::getId)
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("coordinator audience");
        audience.setProtocol(OIDC);
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of(
                "included.client.audience", RealmLayout.COORDINATOR_CLIENT,
                "access.token.claim", "true",
                "id.token.claim", "false"));
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName(RealmLayout.AUDIENCE_SCOPE);
        scope.setProtocol(OIDC);
        scope.setAttributes(Map.of("include.in.token.scope", "false"));
        scope.setProtocolMappers(List.of(audience));
        String id = createdId(realm.clientScopes().create(scope), "client scope " + RealmLayout.AUDIENCE_SCOPE);
        // New clients get it by default; existing clients get it in ensureClient.
        realm.addDefaultDefaultClientScope(id);
        changes.add("created client scope " + RealmLayout.AUDIENCE_SCOPE);
        return id;
    }

    private static String ensureClient(
            RealmResource realm, ClientRepresentation wanted, String audienceScopeId, List<String> changes) {
        Optional<String> existing = clientId(realm, wanted.getClientId());
        String id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            id = createdId(realm.clients().create(wanted), "client " + wanted.getClientId());
            changes.add("created client " + wanted.getClientId());
        }
        ClientResource client = realm.clients().get(id);
        boolean hasAudience = client.getDefaultClientScopes().stream().anyMatch(s -> audienceScopeId.equals(s.getId()));
        if (!hasAudience) {
            client.addDefaultClientScope(audienceScopeId);
            changes.add("added " + RealmLayout.AUDIENCE_SCOPE + " to client " + wanted.getClientId());
        }
        return id;
    }

    private void grantRealmManagement(RealmResource realm, String provisionerId, List<String> changes) {
        String serviceAccount =
                realm.clients().get(provisionerId).getServiceAccountUser().getId();
        String realmManagement = clientId(realm, "realm-management")
                .orElseThrow(() -> new IllegalStateException(
                        "realm " + realmName + " has no realm-management client; is this a Keycloak realm?"));
        var assigned = realm.users().get(serviceAccount).roles().clientLevel(realmManagement);
        List<String> held =
                assigned.listAll().stream().map(RoleRepresentation::getName).toList();
        List<RoleRepresentation> missing = assigned.listAvailable().stream()
                .filter(role -> RealmLayout.PROVISIONER_REALM_MANAGEMENT_ROLES.contains(role.getName()))
                .filter(role -> !held.contains(role.getName()))
                .toList();
        if (!missing.isEmpty()) {
            assigned.add(missing);
            changes.add("granted "
                    + missing.stream().map(RoleRepresentation::getName).toList() + " to "
                    + RealmLayout.PROVISIONER_CLIENT);
        }
    }

    private static Optional<String> clientId(RealmResource realm, String clientId) {
        return realm.clients().findByClientId(clientId).stream()
                .map(ClientRepresentation::getId)
                .findFirst();
    }

    private static String createdId(Response response, String what) {
        try (response) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "Keycloak refused to create " + what + ": HTTP " + response.getStatus());
            }
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private static ClientRepresentation coordinatorClient() {
        ClientRepresentation client = confidential(RealmLayout.COORDINATOR_CLIENT);
        client.setDescription("The Meshlift coordinator: the audience of Meshlift tokens; no flows of its own.");
        return client;
    }

    private static ClientRepresentation cliClient() {
        ClientRepresentation client = base(RealmLayout.CLI_CLIENT);
        client.setPublicClient(true);
        client.setDescription("The meshlift CLI: people sign in with the device authorization flow.");
        client.setAttributes(Map.of("oauth2.device.authorization.grant.enabled", "true"));
        return client;
    }

    private static ClientRepresentation dashboardClient(URI url) {
        ClientRepresentation client = base(RealmLayout.DASHBOARD_CLIENT);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDescription("The coordinator's web dashboard: authorization code flow with PKCE.");
        // Exact URI, no wildcard: a code can only ever be delivered to the dashboard itself.
        client.setRedirectUris(List.of(url.toString()));
        client.setWebOrigins(List.of(DashboardUrls.origin(url)));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", url.toString()));
        return client;
    }

    private static ClientRepresentation provisionerClient() {
        ClientRepresentation client = confidential(RealmLayout.PROVISIONER_CLIENT);
        client.setServiceAccountsEnabled(true);
        client.setDescription("Used by the coordinator to create and disable per-agent clients.");
        return client;
    }

    private static ClientRepresentation confidential(String clientId) {
        ClientRepresentation client = base(clientId);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        return client;
    }

    /** Every flow off; each client turns on only what it needs. */
    private static ClientRepresentation base(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setProtocol(OIDC);
        client.setEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        return client;
    }
}
