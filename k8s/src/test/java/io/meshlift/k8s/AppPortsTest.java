package io.meshlift.k8s;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ports the manifests are checked against are the applications' own: read from agent/ and
 * coordinator/ application.properties and the ConfigMaps, not restated here. These pin the
 * values so that a port change in an application is a visible, deliberate change here too.
 */
class AppPortsTest {

    @Test
    void agentServesPeersOn7443AndAdminOnLoopback7080() {
        AppConfig agent = AppConfigChecks.agent(Manifests.render("base"), Manifests.repoDir())
                .config();

        assertThat(agent.port("agent.peer.port")).contains(7443);
        assertThat(agent.port("quarkus.http.port")).contains(7080);
        assertThat(agent.get("quarkus.http.host")).contains("127.0.0.1");
        assertThat(agent.port("quarkus.management.port")).contains(9465);
    }

    @Test
    void coordinatorServesRestOn8080AndControlOn7444() {
        AppConfig coordinator = AppConfigChecks.coordinator(Manifests.render("base"), Manifests.repoDir())
                .config();

        assertThat(coordinator.port("quarkus.http.port")).contains(8080);
        assertThat(coordinator.port("coordinator.control.port")).contains(7444);
        assertThat(coordinator.port("quarkus.management.port")).contains(9464);
    }

    @Test
    void coordinatorBuiltInPortsAreTheOnesTheConfigMapRepeats() {
        Properties builtIn =
                AppConfig.load(Manifests.repoDir().resolve("coordinator/src/main/resources/application.properties"));

        assertThat(builtIn.getProperty("quarkus.http.port")).isEqualTo("8080");
        assertThat(builtIn.getProperty("coordinator.control.port")).isEqualTo("7444");
    }

    @Test
    void environmentVariablesOverrideFilesAsInQuarkus() {
        Properties file = AppConfig.parse("quarkus.http.port=8080\n%postgres.db=${MESHLIFT_DB_URL}\n");
        AppConfig config = AppConfig.resolve(file, "postgres", new Properties(), Map.of("QUARKUS_HTTP_PORT", "9090"));

        assertThat(config.port("quarkus.http.port")).contains(9090);
        assertThat(config.unresolvedExpressions()).containsExactly("MESHLIFT_DB_URL");
    }
}
