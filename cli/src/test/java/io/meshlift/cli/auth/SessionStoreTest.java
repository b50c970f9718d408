package io.meshlift.cli.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoreTest {

    private static final String ACCESS = "access-token-value-" + "a".repeat(20);
    private static final String REFRESH = "refresh-token-value-" + "r".repeat(20);

    @TempDir
    Path home;

    @Test
    void keepsTheSessionOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path dir = home.resolve("config/meshlift");
        SessionStore store = new SessionStore(dir);

        store.save(session());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(store.load()).contains(session());
    }

    @Test
    void refusesASessionFileOthersCanRead() throws Exception {
        SessionStore store = new SessionStore(home);
        store.save(session());
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(store::load)
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH))
                .hasMessageContaining("readable or writable by others (rw-r--r--)");
    }

    @Test
    void deleteForgetsTheSessionAndSaysWhetherThereWasOne() {
        SessionStore store = new SessionStore(home);
        store.save(session());

        assertThat(store.delete()).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(store.delete()).isFalse();
    }

    @Test
    void describingASessionNeverShowsItsTokens() {
        assertThat(session().toString())
                .doesNotContain(ACCESS)
                .doesNotContain(REFRESH)
                .contains("alice");
    }

    static Session session() {
        return new Session(
                "https://coordinator.example:8080",
                "https://keycloak.example/realms/meshlift",
                "meshlift-cli",
                Session.DEVICE,
                null,
                ACCESS,
                Instant.parse("2030-01-01T00:00:00Z"),
                REFRESH,
                Instant.parse("2030-01-02T00:00:00Z"),
                "alice");
    }
}
