package io.meshlift.cli.plan;

import picocli.CommandLine.Command;

/** Migration plan files: check them offline, apply them to the coordinator. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Validate a plan file offline, or apply it to the coordinator.",
        subcommands = {PlanValidateCommand.class, PlanApplyCommand.class})
public final class PlanCommand {}
