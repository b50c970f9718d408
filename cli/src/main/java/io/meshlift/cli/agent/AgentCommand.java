package io.meshlift.cli.agent;

import picocli.CommandLine.Command;

/** Commands run on an agent's host. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Set up this host's agent.",
        subcommands = {EnrollCommand.class})
public final class AgentCommand {}
