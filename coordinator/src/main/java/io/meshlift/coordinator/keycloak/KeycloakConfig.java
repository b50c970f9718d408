package io.meshlift.coordinator.keycloak;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Keycloak admin API the coordinator provisions agent clients through. docs/configuration.md lists every key. */
@ConfigMapping(prefix = "coordinator.keycloak")
public interface KeycloakConfig {

    /** Base URL of Keycloak, e.g. https://keycloak.example:8443; enrollment and revocation need it. */
    Optional<String> url();

    /** Realm of the mesh's clients and roles. */
    @WithDefault("meshlift")
    String realm();

    /** Client the coordinator logs in as (client credentials; needs realm-management manage-clients and manage-users). */
    @WithDefault("meshlift-provisioner")
    String clientId();

    /** Secret of that client; set it from the environment (COORDINATOR_KEYCLOAK_CLIENT_SECRET), never in a file in the repo. */
    Optional<String> clientSecret();

    /** Realm role every agent client holds; the control channel requires it. */
    @WithDefault("meshlift-agent")
    String agentRole();

    /** Audience put into agents' access tokens; the control channel requires it. */
    @WithDefault("meshlift-coordinator")
    String coordinatorAudience();

    /** First-install provisioning of the realm ({@link RealmProvisioner}); off unless asked for. */
    Provision provision();

    interface Provision {

        /** Bring the realm to Meshlift's layout at start-up: roles, audience scope, clients. */
        @WithDefault("false")
        boolean enabled();

        /**
         * A master-realm administrator; from the environment (COORDINATOR_KEYCLOAK_PROVISION_ADMIN_USERNAME),
         * and dropped once the realm exists: day-to-day the coordinator needs only its provisioner client.
         */
        Optional<String> adminUsername();

        /** That administrator's password (COORDINATOR_KEYCLOAK_PROVISION_ADMIN_PASSWORD); never logged. */
        Optional<String> adminPassword();
    }
}
