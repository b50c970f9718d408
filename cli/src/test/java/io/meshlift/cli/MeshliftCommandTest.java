package io.meshlift.cli;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.cli.auth.Session;
import io.meshlift.cli.auth.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented exit codes, each produced by the situation it stands for. */
class MeshliftCommandTest {

    @TempDir
    Path config;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("login", "logout", "plan", "jobs", "agents", "audit", "certs", "completion")
                .contains("3  not logged in")
                .contains("5  coordinator or Keycloak unreachable");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {
            {"login"},
            {"logout"},
            {"plan", "validate"},
            {"plan", "apply"},
            {"jobs", "list"},
            {"jobs", "get"},
            {"jobs", "watch"},
            {"jobs", "pause"},
            {"jobs", "resume"},
            {"jobs", "cancel"},
            {"jobs", "retry"},
            {"agents", "list"},
            {"audit", "show"},
            {"audit", "export"},
            {"audit", "verify"},
            {"completion"}
        }) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CommandRun run = CommandRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.OK);
            assertThat(run.out())
                    .as(String.join(" ", command))
                    .contains("Usage: meshlift " + String.join(" ", command));
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CommandRun run = CommandRun.of("jobs", "list", "--colour");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--colour'");
    }

    @Test
    void aBadOutputFormatIsAUsageErrorNamingTheChoices() {
        CommandRun run = CommandRun.of("jobs", "list", "--output", "yaml", "--config-dir", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'yaml' is not an output format; use table or json");
    }

    @Test
    void withoutALoginTheExitCodeIsAuth() {
        CommandRun run = CommandRun.of("jobs", "list", "--config-dir", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(run.err()).startsWith("meshlift: not logged in");
    }

    @Test
    void aCoordinatorNobodyListensForIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        new SessionStore(config)
                .save(new Session(
                        "http://127.0.0.1:" + closedPort,
                        "http://127.0.0.1:" + closedPort + "/realms/meshlift",
                        "meshlift-cli",
                        Session.DEVICE,
                        null,
                        "not-a-real-token",
                        java.time.Instant.now().plusSeconds(3600),
                        null,
                        null,
                        "alice"));

        CommandRun run = CommandRun.of("agents", "list", "--config-dir", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:" + closedPort);
        assertThat(run.err()).doesNotContain("not-a-real-token");
    }
}
