package io.meshlift.cli.job;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;

/** {@code GET /api/v1/jobs}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Every job with its progress, newest first.")
public final class JobsListCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        JsonNode jobs = coordinator.client().get("/api/v1/jobs");
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, jobs);
        } else if (jobs.isEmpty()) {
            out.println("no jobs");
            out.flush();
        } else {
            JobTables.list(jobs).print(out);
        }
        return ExitCodes.OK;
    }
}
