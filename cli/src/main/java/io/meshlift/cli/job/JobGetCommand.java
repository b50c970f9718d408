package io.meshlift.cli.job;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;

/** {@code GET /api/v1/jobs/{id}}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "One job: state and per-transfer progress.")
public final class JobGetCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    @Override
    public Integer call() {
        JsonNode view = coordinator.client().get("/api/v1/jobs/" + CoordinatorClient.segment(job));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, view);
        } else {
            JobTables.detail(view, out);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
