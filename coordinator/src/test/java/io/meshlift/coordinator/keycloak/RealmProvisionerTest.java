package io.meshlift.coordinator.keycloak;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import io.meshlift.testkit.keycloak.KeycloakServer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provisions a fresh realm into a real Keycloak (the shared test server) with a master-realm admin,
 * as an operator would on first install, then uses what it made: the provisioner's service account
 * gets a token whose audience is the coordinator.
 */
@QuarkusTest
class RealmProvisionerTest {

    private static final URI DASHBOARD = URI.create("https://coordinator.example:8443/dashboard/");

    private static KeycloakServer keycloak;
    private static Keycloak admin;

    @BeforeAll
    static void connect() {
        keycloak = KeycloakServer.shared();
        admin = KeycloakBuilder.builder()
                .serverUrl(keycloak.baseUrl())
                .realm("master")
                .clientId("admin-cli")
                .username(keycloak.adminUsername())
                .password(keycloak.adminPassword())
                .build();
    }

    @AfterAll
    static void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void createsTheRealmItsRolesAndClientsAndAgainChangesNothing() {
        String realm = "provisioned-once";
        RealmProvisioner provisioner = new RealmProvisioner(admin, realm, DASHBOARD);

        List<String> first = provisioner.provision();
        List<String> second = provisioner.provision();

        assertThat(first).contains("created realm " + realm, "created client " + RealmLayout.PROVISIONER_CLIENT);
        assertThat(second).as("a second run finds everything in place").isEmpty();
        assertThat(admin.realm(realm).roles().list().stream().map(RoleRepresentation::getName))
                .containsAll(RealmLayout.ROLES);
        assertThat(admin.realm(realm).getDefaultDefaultClientScopes().stream().map(ClientScopeRepresentation::getName))
                .contains(RealmLayout.AUDIENCE_SCOPE);
        assertThat(admin.realm(realm)
                        .clients()
                        .findByClientId(RealmLayout.CLI_CLIENT)
                        .get(0)
                        .isPublicClient())
                .isTrue();
    }

    @Test
    void theProvisionerServiceAccountGetsCoordinatorTokensAndMayManageClients() {
        String realm = "provisioned-for-tokens";
        RealmProvisioner provisioner = new RealmProvisioner(admin, realm, DASHBOARD);
        provisioner.provision();

        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", RealmLayout.PROVISIONER_CLIENT)
                .formParam("client_secret", provisioner.provisionerSecret())
                .post(keycloak.realmUrl(realm) + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");

        JsonPath claims =
                JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.getList("aud", String.class)).contains(RealmLayout.COORDINATOR_CLIENT);
        assertThat(claims.getList("resource_access.realm-management.roles", String.class))
                .containsAll(RealmLayout.PROVISIONER_REALM_MANAGEMENT_ROLES);
    }

    @Test
    void theDashboardClientIsPublicWithPkceAndRedirectsOnlyToTheDashboard() {
        String realm = "provisioned-for-the-dashboard";
        new RealmProvisioner(admin, realm, DASHBOARD).provision();

        ClientRepresentation dashboard = admin.realm(realm)
                .clients()
                .findByClientId(RealmLayout.DASHBOARD_CLIENT)
                .get(0);
        assertThat(dashboard.isPublicClient()).isTrue();
        assertThat(dashboard.isStandardFlowEnabled()).isTrue();
        assertThat(dashboard.isImplicitFlowEnabled()).isFalse();
        assertThat(dashboard.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(dashboard.getRedirectUris()).containsExactly(DASHBOARD.toString());
        assertThat(dashboard.getWebOrigins()).containsExactly("https://coordinator.example:8443");
        assertThat(dashboard.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
    }
}
