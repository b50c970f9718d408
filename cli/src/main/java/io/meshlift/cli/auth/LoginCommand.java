package io.meshlift.cli.auth;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorOptions;

/**
 * Logs in with Keycloak: people with the device authorization grant (open a URL, type a code, no password
 * through the terminal), scripts with client credentials whose secret stays in a file. Tokens are kept
 * 0600 in the configuration directory; neither they nor the secret are ever printed.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Log in with Keycloak and remember the coordinator.",
            "Without --client-secret-file: device login for people (prints a URL and a code to enter there,"
                    + " then waits). With it: client credentials for scripts."
        })
public final class LoginCommand implements Callable<Integer> {

    /** The realm's public client for people (coordinator RealmLayout.CLI_CLIENT). */
    public static final String CLI_CLIENT = "meshlift-cli";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions options;

    @Option(
            names = "--issuer",
            paramLabel = "URL",
            description = "Keycloak realm URL, e.g. https://keycloak.example/realms/meshlift;"
                    + " default: the one of the previous login.")
    URI issuer;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "Keycloak client; default " + CLI_CLIENT + " (device login). Required with"
                    + " --client-secret-file.")
    String clientId;

    @Option(
            names = "--client-secret-file",
            paramLabel = "FILE",
            description = "File holding the client secret: log in with client credentials (for scripts)."
                    + " The path is remembered to renew the token; the secret is not copied.")
    Path clientSecretFile;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Device login: stop waiting after this many seconds; default: until the code expires.")
    Long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        SessionStore store = options.sessions();
        Optional<Session> previous = store.load();
        String coordinator = Optional.ofNullable(options.coordinatorOverride())
                .map(URI::toString)
                .or(() -> previous.map(Session::coordinator))
                .orElseThrow(() -> usage("--coordinator URL is needed for the first login"));
        String issuerUrl = Optional.ofNullable(issuer)
                .map(URI::toString)
                .or(() -> previous.map(Session::issuer))
                .orElseThrow(() -> usage("--issuer URL (the Keycloak realm) is needed for the first login"));
        OidcClient oidc = new OidcClient(issuerUrl);
        PrintWriter out = spec.commandLine().getOut();

        Session session;
        Instant now = Instant.now();
        if (clientSecretFile != null) {
            if (clientId == null) {
                throw usage("--client-secret-file needs --client-id (the Keycloak client the secret belongs to)");
            }
            Path secretFile = clientSecretFile.toAbsolutePath();
            TokenResponse tokens = oidc.clientCredentials(clientId, Credentials.readSecret(secretFile));
            session = new Session(
                            coordinator,
                            issuerUrl,
                            clientId,
                            Session.CLIENT_CREDENTIALS,
                            secretFile.toString(),
                            null,
                            null,
                            null,
                            null,
                            null)
                    .withTokens(tokens, now);
        } else {
            String client = clientId != null ? clientId : CLI_CLIENT;
            TokenResponse tokens = new DeviceLogin(oidc, client, out, timeout()).run();
            session = new Session(coordinator, issuerUrl, client, Session.DEVICE, null, null, null, null, null, null)
                    .withTokens(tokens, Instant.now());
        }
        store.save(session);
        out.println("logged in to " + coordinator + " as "
                + Optional.ofNullable(session.principal()).orElse("?") + " (token valid until "
                + session.accessTokenExpiresAt() + "; kept in " + store.file() + ")");
        out.flush();
        return ExitCodes.OK;
    }

    private Optional<Duration> timeout() {
        return Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds);
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
