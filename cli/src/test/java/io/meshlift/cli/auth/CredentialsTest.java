package io.meshlift.cli.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void handsOutTheStoredTokenWhileItIsValid() {
        SessionStore store = new SessionStore(dir);
        store.save(SessionStoreTest.session());

        Credentials credentials = new Credentials(store, at("2029-12-31T23:00:00Z"));

        assertThat(credentials.accessToken())
                .isEqualTo(SessionStoreTest.session().accessToken());
    }

    @Test
    void aDeviceLoginWhoseRefreshTokenExpiredMustLogInAgain() {
        SessionStore store = new SessionStore(dir);
        store.save(SessionStoreTest.session());

        Credentials credentials = new Credentials(store, at("2030-01-03T00:00:00Z"));

        assertThatThrownBy(credentials::accessToken)
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH))
                .hasMessage("the login of alice expired; run meshlift login");
    }

    @Test
    void withoutASessionTheMessageSaysHowToLogIn() {
        assertThatThrownBy(() -> new Credentials(new SessionStore(dir)).accessToken())
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH))
                .hasMessageContaining("not logged in")
                .hasMessageContaining("meshlift login --coordinator URL --issuer URL");
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
