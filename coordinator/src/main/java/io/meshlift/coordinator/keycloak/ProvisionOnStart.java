package io.meshlift.coordinator.keycloak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.dashboard.DashboardConfig;
import io.meshlift.core.pki.AtomicFiles;

/**
 * With {@code coordinator.keycloak.provision.enabled}, brings the realm to Meshlift's layout before the
 * coordinator serves (an install on an existing Keycloak needs nothing else), then writes the provisioner
 * client's secret to {@code <data-dir>/keycloak-provisioner-secret} (0600) for the operator to hand to the
 * coordinator as COORDINATOR_KEYCLOAK_CLIENT_SECRET. A failure stops the start-up: a half-provisioned
 * realm would surface later as refused tokens.
 */
@ApplicationScoped
class ProvisionOnStart {

    private static final Logger LOG = Logger.getLogger(ProvisionOnStart.class);
    static final String SECRET_FILE = "keycloak-provisioner-secret";

    private final KeycloakConfig keycloak;
    private final CoordinatorConfig coordinator;
    private final DashboardConfig dashboard;

    ProvisionOnStart(KeycloakConfig keycloak, CoordinatorConfig coordinator, DashboardConfig dashboard) {
        this.keycloak = keycloak;
        this.coordinator = coordinator;
        this.dashboard = dashboard;
    }

    void provision(@Observes StartupEvent event) {
        KeycloakConfig.Provision provision = keycloak.provision();
        if (!provision.enabled()) {
            return;
        }
        String url = keycloak.url()
                .orElseThrow(() -> new IllegalStateException(
                        "coordinator.keycloak.provision.enabled needs coordinator.keycloak.url"));
        String username = provision
                .adminUsername()
                .orElseThrow(() -> new IllegalStateException(
                        "coordinator.keycloak.provision.enabled needs coordinator.keycloak.provision.admin-username"));
        String password = provision
                .adminPassword()
                .orElseThrow(() -> new IllegalStateException(
                        "coordinator.keycloak.provision.enabled needs coordinator.keycloak.provision.admin-password"));
        try (Keycloak admin = KeycloakBuilder.builder()
                .serverUrl(url)
                .realm("master")
                .clientId("admin-cli")
                .username(username)
                .password(password)
                .build()) {
            RealmProvisioner provisioner = new RealmProvisioner(admin, keycloak.realm(), dashboard.url());
            int changes = provisioner.provision().size();
            Path secretFile = Path.of(coordinator.dataDir()).resolve(SECRET_FILE);
            AtomicFiles.write(secretFile, provisioner.provisionerSecret().getBytes(StandardCharsets.UTF_8), true);
            LOG.infof(
                    "Keycloak realm %s provisioned at %s (%d change(s)); the %s client's secret is in %s",
                    keycloak.realm(), url, changes, RealmLayout.PROVISIONER_CLIENT, secretFile);
        }
    }
}
