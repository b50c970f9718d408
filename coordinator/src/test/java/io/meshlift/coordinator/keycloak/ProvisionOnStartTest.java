package io.meshlift.coordinator.keycloak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import io.meshlift.testkit.keycloak.KeycloakServer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator started with provisioning on sets up a realm in a real Keycloak before it serves. */
@QuarkusTest
@TestProfile(ProvisionOnStartTest.Provisioning.class)
class ProvisionOnStartTest {

    static final String REALM = "provisioned-at-start";
    static final Path DATA_DIR = Path.of("target", "provision-on-start");

    public static class Provisioning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            KeycloakServer keycloak = KeycloakServer.shared();
            return Map.of(
                    "coordinator.data-dir", DATA_DIR.toAbsolutePath().toString(),
                    "coordinator.keycloak.url", keycloak.baseUrl(),
                    "coordinator.keycloak.realm", REALM,
                    "coordinator.keycloak.provision.enabled", "true",
                    "coordinator.keycloak.provision.admin-username", keycloak.adminUsername(),
                    "coordinator.keycloak.provision.admin-password", keycloak.adminPassword());
        }
    }

    @Test
    void theRealmExistsAndTheProvisionerSecretFileWorksForTokens() throws Exception {
        Path secretFile = DATA_DIR.toAbsolutePath().resolve(ProvisionOnStart.SECRET_FILE);
        assertThat(secretFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");

        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", RealmLayout.PROVISIONER_CLIENT)
                .formParam("client_secret", Files.readString(secretFile))
                .post(KeycloakServer.shared().realmUrl(REALM) + "/protocol/openid-connect/token")
                .then()
                .statusCode(200);
    }
}
