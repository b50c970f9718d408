package io.meshlift.cli.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

/**
 * Hands out a valid access token for the stored session, renewing it first when it is about to expire:
 * with the refresh token (device login), or by reading the client secret file again (client credentials).
 * The renewed session is saved, so the next command does not renew again.
 */
public final class Credentials {

    private final SessionStore store;
    private final Clock clock;

    public Credentials(SessionStore store) {
        this(store, Clock.systemUTC());
    }

    Credentials(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws CliException with {@link ExitCodes#AUTH} when nobody is logged in */
    public Session session() {
        return store.load()
                .orElseThrow(() -> new CliException(
                        ExitCodes.AUTH,
                        "not logged in (no " + store.file() + "); run meshlift login --coordinator URL --issuer URL"));
    }

    /** A token valid for at least {@link Session#EXPIRY_MARGIN}. */
    public String accessToken() {
        Session session = session();
        Instant now = clock.instant();
        if (session.accessTokenUsableAt(now)) {
            return session.accessToken();
        }
        Session renewed = session.withTokens(renew(session, now), now);
        store.save(renewed);
        return renewed.accessToken();
    }

    private static TokenResponse renew(Session session, Instant now) {
        OidcClient oidc = new OidcClient(session.issuer());
        if (Session.CLIENT_CREDENTIALS.equals(session.grant())) {
            return oidc.clientCredentials(session.clientId(), readSecret(Path.of(session.clientSecretFile())));
        }
        if (!session.refreshTokenUsableAt(now)) {
            throw new CliException(
                    ExitCodes.AUTH, "the login of " + session.principal() + " expired; run meshlift login");
        }
        return oidc.refresh(session.clientId(), session.refreshToken());
    }

    /** The secret in {@code file}, stripped; the file name is the only thing about it any message shows. */
    static String readSecret(Path file) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException(ExitCodes.AUTH, "cannot read the client secret file " + file + ": " + e, e);
        }
        if (secret.isEmpty()) {
            throw new CliException(ExitCodes.AUTH, "the client secret file " + file + " is empty");
        }
        return secret;
    }
}
