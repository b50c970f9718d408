package io.meshlift.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where things are: the source tree (runners, the example plan), the work directory, the port block, and the
 * Keycloak distribution the build fetched.
 */
record QuickstartSettings(Path root, Path work, Ports ports, Path keycloakZip, String keycloakVersion) {

    /** The agents, in port order; the first holds the sample data. */
    static final List<String> AGENTS = List.of("qs-a", "qs-b", "qs-c");

    static final String PLAN = "examples/quickstart-plan.yaml";

    static QuickstartSettings of(Path root, Path work, int basePort) {
        Properties build = new Properties();
        try (InputStream in = QuickstartSettings.class.getResourceAsStream("/quickstart.properties")) {
            if (in == null) {
                throw new IllegalStateException("quickstart.properties is missing from the launcher's jar");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QuickstartSettings(
                root.toAbsolutePath().normalize(),
                work,
                new Ports(basePort),
                Path.of(build.getProperty("keycloak.zip")),
                build.getProperty("keycloak.version"));
    }

    Path agentRunner() {
        return root.resolve("agent/target/quarkus-app/quarkus-run.jar");
    }

    Path coordinatorRunner() {
        return root.resolve("coordinator/target/quarkus-app/quarkus-run.jar");
    }

    Path plan() {
        return root.resolve(PLAN);
    }
}
