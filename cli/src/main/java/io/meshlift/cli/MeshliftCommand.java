package io.meshlift.cli;

import java.io.UncheckedIOException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.meshlift.cli.agent.AgentCommand;
import io.meshlift.cli.agent.AgentsCommand;
import io.meshlift.cli.audit.AuditCommand;
import io.meshlift.cli.auth.LoginCommand;
import io.meshlift.cli.auth.LogoutCommand;
import io.meshlift.cli.certs.CertsCommand;
import io.meshlift.cli.completion.CompletionCommand;
import io.meshlift.cli.job.JobsCommand;
import io.meshlift.cli.plan.PlanCommand;

/** Entry point of the {@code meshlift} command. Exit codes: see {@link ExitCodes}. */
@Command(
        name = "meshlift",
        mixinStandardHelpOptions = true,
        version = "meshlift 0.1.0",
        description = "Moves a data center's data host to host, peer to peer, verified.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  failure or difference (invalid plan, digest mismatch, job not SUCCEEDED)",
            "  2  usage error",
            "  3  not logged in, login expired, or role missing (HTTP 401/403)",
            "  4  not found (HTTP 404)",
            "  5  coordinator or Keycloak unreachable",
            "  6  conflict with the current state (HTTP 409)"
        },
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            PlanCommand.class,
            JobsCommand.class,
            AgentsCommand.class,
            AuditCommand.class,
            CertsCommand.class,
            AgentCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MeshliftCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with meshlift's error handling: a one-line message and the exit code for its kind. */
    public static CommandLine commandLine() {
        return new CommandLine(new MeshliftCommand()).setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("meshlift: " + message(error));
            command.getErr().flush();
            return exitCode(error);
        });
    }

    static int exitCode(Exception error) {
        if (error instanceof CliException cli) {
            return cli.exitCode();
        }
        if (error instanceof IllegalArgumentException) {
            // Bad values the domain code refused (an agent id, a path): the command line was wrong.
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Exception error) {
        if (error instanceof UncheckedIOException io && io.getCause() != null) {
            return io.getMessage() + ": " + io.getCause().getMessage();
        }
        return error.getMessage() != null ? error.getMessage() : error.toString();
    }
}
