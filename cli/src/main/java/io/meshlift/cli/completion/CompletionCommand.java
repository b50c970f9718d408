package io.meshlift.cli.completion;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;

/** Prints a bash (and zsh) completion script generated from the command tree, so it never drifts. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for meshlift.", "Load it with: source <(meshlift completion)"
        })
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
