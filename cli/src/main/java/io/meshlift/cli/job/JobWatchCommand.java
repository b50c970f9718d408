package io.meshlift.cli.job;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;

/** {@code meshlift jobs watch JOB}: live progress until the job ends; exit code 0 only if it SUCCEEDED. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Follow a job's progress live until it ends: bars with bytes, rate and ETA on a terminal,"
                    + " a line every 10 s otherwise, one JSON object per update with --output json.",
            "Exit code 0 when the job SUCCEEDED, 1 when it FAILED or was CANCELLED."
        })
public final class JobWatchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode last = new JobWatch(
                        coordinator.client(), job, spec.commandLine().getErr())
                .follow(ProgressView.choose(output.json(), out));
        if (!output.json()) {
            out.println("job " + last.path("id").asText() + " "
                    + last.path("state").asText() + ": " + JobTables.progressLine(last.path("progress")));
            out.flush();
        }
        return JobWatch.exitCode(last);
    }
}
