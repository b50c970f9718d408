package io.meshlift.cli.plan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.core.plan.PlanParseResult;
import io.meshlift.core.plan.PlanParser;
import io.meshlift.core.plan.PlanValidator;

/**
 * Reads and validates a plan file with the coordinator's own parser and validator (core {@code plan/}),
 * offline: everything but whether the agents exist, which only the coordinator knows.
 */
final class PlanFiles {

    private PlanFiles() {}

    static PlanParseResult validate(Path file) {
        try {
            return PlanParser.parse(file, PlanValidator.offline());
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.USAGE, "no such plan file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read the plan file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Prints every error as {@code file:line:column: path: message}, as compilers do, for editors and CI. */
    static void printErrors(PlanParseResult result, PrintWriter err) {
        err.println(result.formattedErrors());
        int count = result.errors().size();
        err.println(result.sourceName() + ": " + count + (count == 1 ? " error" : " errors"));
        err.flush();
    }
}
