package io.meshlift.cli.job;

import picocli.CommandLine.Command;

/** Jobs: runs of a plan, listed, inspected, watched and steered. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List, inspect, watch and steer jobs.",
        subcommands = {
            JobsListCommand.class,
            JobGetCommand.class,
            JobWatchCommand.class,
            JobTransitionCommand.Pause.class,
            JobTransitionCommand.Resume.class,
            JobTransitionCommand.Cancel.class,
            JobTransitionCommand.Retry.class
        })
public final class JobsCommand {}
