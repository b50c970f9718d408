package io.meshlift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.meshlift.cli.agent.AgentCommand;
import io.meshlift.cli.certs.CertsCommand;

/** Entry point of the {@code meshlift} command. Exit codes: 0 success, 1 failure, 2 usage error. */
@Command(
        name = "meshlift",
        mixinStandardHelpOptions = true,
        version = "meshlift 0.1.0",
        description = "Moves a data center's data host to host, peer to peer, verified.",
        subcommands = {CertsCommand.class, AgentCommand.class, CommandLine.HelpCommand.class})
public final class MeshliftCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new MeshliftCommand()).setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("meshlift: " + error.getMessage());
            return 1;
        });
    }
}
