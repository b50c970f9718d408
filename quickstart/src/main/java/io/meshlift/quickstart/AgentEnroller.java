package io.meshlift.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

import io.meshlift.cli.agent.EnrollCommand;

/**
 * Enrolls an agent as an operator would on its host: an admin asks the coordinator for a one-time token, then
 * {@code meshlift agent enroll} (the CLI's own code, run in-process) generates the agent's key, sends a CSR
 * with the token and writes key, certificate, CA and Keycloak client secret into the agent's credentials
 * directory.
 */
final class AgentEnroller {

    /** The line of {@code meshlift agent enroll}'s output that names the client. */
    private static final String CLIENT_ID_KEY = "agent.coordinator.oidc.client-id=";

    private final CoordinatorApi api;

    AgentEnroller(CoordinatorApi api) {
        this.api = api;
    }

    /**
     * @param credentials the directory {@code agent.key}, {@code agent.crt}, {@code ca.crt} and {@code
     *     client-secret} are written into
     * @return the agent's Keycloak client id, as the enrollment answered it
     */
    String enroll(String agent, Path credentials) {
        String token = api.enrollmentToken(agent);
        Path tokenFile = WorkDir.writeSecret(credentials.resolve("enrollment-token"), token);
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        CommandLine enroll = new CommandLine(new EnrollCommand())
                .setOut(new PrintWriter(output, true))
                .setErr(new PrintWriter(errors, true))
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println(error.getMessage());
                    return 1;
                });
        int exit = enroll.execute(
                "--coordinator", api.base().toString(),
                "--id", agent,
                "--token-file", tokenFile.toString(),
                "--dir", credentials.toString());
        try {
            // One-time and now spent (or refused): nothing to keep.
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            throw new QuickstartException("cannot delete " + tokenFile + ": " + e.getMessage(), e);
        }
        if (exit != 0) {
            throw new QuickstartException("enrollment of agent " + agent + " failed: "
                    + errors.toString().strip());
        }
        return output.toString()
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith(CLIENT_ID_KEY))
                .map(line -> line.substring(CLIENT_ID_KEY.length()))
                .findFirst()
                .orElseThrow(() -> new QuickstartException(
                        "the enrollment of agent " + agent + " did not name the agent's Keycloak client"));
    }
}
