package io.meshlift.cli.auth;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorOptions;

/** Forgets the login: revokes the refresh token at Keycloak when there is one, then deletes the session file. */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = "Log out: revoke the refresh token at Keycloak and delete the stored tokens.")
public final class LogoutCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions options;

    @Override
    public Integer call() {
        SessionStore store = options.sessions();
        PrintWriter out = spec.commandLine().getOut();
        Optional<Session> session = store.load();
        if (session.isEmpty()) {
            out.println("not logged in");
            out.flush();
            return ExitCodes.OK;
        }
        String note = "";
        if (session.get().refreshToken() != null) {
            try {
                boolean revoked = new OidcClient(session.get().issuer())
                        .revoke(session.get().clientId(), session.get().refreshToken());
                note = revoked ? " (refresh token revoked)" : " (Keycloak did not confirm the revocation)";
            } catch (CliException e) {
                // The local tokens go anyway: a Keycloak that cannot be reached must not keep them on disk.
                note = " (could not revoke the refresh token: " + e.getMessage() + ")";
            }
        }
        store.delete();
        out.println("logged out of " + session.get().coordinator() + note);
        out.flush();
        return ExitCodes.OK;
    }
}
