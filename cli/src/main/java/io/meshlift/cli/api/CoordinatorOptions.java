package io.meshlift.cli.api;

import java.net.URI;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.meshlift.cli.auth.Credentials;
import io.meshlift.cli.auth.SessionStore;

/**
 * Where the login is kept and which coordinator to call: mixed into every command that talks to the
 * coordinator. The coordinator comes from the login unless {@code --coordinator} overrides it.
 */
public final class CoordinatorOptions {

    @Option(
            names = "--config-dir",
            paramLabel = "DIR",
            description = "Where the login is kept. Default: $MESHLIFT_CONFIG_DIR, else ~/.config/meshlift.")
    Path configDir;

    @Option(
            names = "--coordinator",
            paramLabel = "URL",
            description = "Coordinator base URL; default: the one given at login.")
    URI coordinator;

    /** {@code --config-dir}, else {@code $MESHLIFT_CONFIG_DIR}, else {@code ~/.config/meshlift}. */
    public Path configDir() {
        if (configDir != null) {
            return configDir;
        }
        String fromEnvironment = System.getenv("MESHLIFT_CONFIG_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".config", "meshlift");
    }

    public URI coordinatorOverride() {
        return coordinator;
    }

    public SessionStore sessions() {
        return new SessionStore(configDir());
    }

    /** A client for the coordinator, authenticated with the stored login. */
    public CoordinatorClient client() {
        Credentials credentials = new Credentials(sessions());
        URI base = coordinator != null
                ? coordinator
                : URI.create(credentials.session().coordinator());
        return new CoordinatorClient(base, credentials::accessToken);
    }
}
