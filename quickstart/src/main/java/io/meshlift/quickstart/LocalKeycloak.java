package io.meshlift.quickstart;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.meshlift.testkit.keycloak.KeycloakServer;
import io.meshlift.testkit.keycloak.RealmTemplate;

/**
 * Keycloak for the quickstart: testkit's {@link KeycloakServer} with the {@code meshlift} realm (fresh random
 * client secrets each run), on the block's fixed port, left running when the launcher exits. The secrets the
 * user may need later are written 0600 under {@code secrets/}: the bootstrap administrator and the realm's
 * client secrets.
 */
final class LocalKeycloak {

    /** Service-account clients of the realm template that the launcher acts as. */
    static final String ADMIN_CLIENT = "meshlift-test-admin";

    static final String OPERATOR_CLIENT = "meshlift-test-operator";
    static final String AUDITOR_CLIENT = "meshlift-test-auditor";
    static final String PROVISIONER_CLIENT = "meshlift-provisioner";

    /** start-dev re-augments the server at every start: minutes on a loaded machine. */
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(15);

    private final KeycloakServer server;

    private LocalKeycloak(KeycloakServer server) {
        this.server = server;
    }

    static LocalKeycloak start(QuickstartSettings settings, WorkDir work) {
        // testkit reads the distribution's path from this property, as Maven passes it to tests.
        System.setProperty("meshlift.keycloak.zip", settings.keycloakZip().toString());
        KeycloakServer server;
        try {
            server = KeycloakServer.start(
                    List.of(RealmTemplate.meshlift()),
                    work.keycloak(),
                    settings.ports().keycloak(),
                    STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            throw new QuickstartException("Keycloak did not start: " + e.getMessage(), e);
        }
        work.pidFiles().record("keycloak", server.processIds());
        WorkDir.writeSecret(
                work.secrets().resolve("keycloak-admin"),
                "username=" + server.adminUsername() + "\npassword=" + server.adminPassword() + "\n");
        StringBuilder clients = new StringBuilder("# client id = secret, realm " + KeycloakServer.REALM + "\n");
        new TreeMap<>(server.clientSecrets(KeycloakServer.REALM))
                .forEach((client, secret) ->
                        clients.append(client).append('=').append(secret).append('\n'));
        WorkDir.writeSecret(work.secrets().resolve("keycloak-clients.properties"), clients.toString());
        return new LocalKeycloak(server);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    String realmUrl() {
        return server.realmUrl(KeycloakServer.REALM);
    }

    String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    String provisionerSecret() {
        return server.clientSecret(PROVISIONER_CLIENT);
    }

    /** Access tokens of one of the realm's service-account clients, renewed before they expire. */
    Supplier<String> tokens(String clientId) {
        return server.refreshingToken(KeycloakServer.REALM, clientId);
    }

    KeycloakServer server() {
        return server;
    }

    List<Long> processIds() {
        return server.processIds();
    }
}
