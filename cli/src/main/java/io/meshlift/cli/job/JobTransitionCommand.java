package io.meshlift.cli.job;

import java.io.PrintWriter;
import java.util.Map;
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

/**
 * Steers a job: {@code POST /api/v1/jobs/{id}/<action>}. A transition the job's state does not allow
 * (pausing a finished job) is the coordinator's 409, exit code 6.
 */
abstract class JobTransitionCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    private final String action;

    JobTransitionCommand(String action) {
        this.action = action;
    }

    @Override
    public Integer call() {
        JsonNode view = coordinator
                .client()
                .postJson("/api/v1/jobs/" + CoordinatorClient.segment(job) + "/" + action, Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, view);
        } else {
            out.println("job " + view.path("id").asText() + " is "
                    + view.path("state").asText() + " (pass "
                    + view.path("pass").asInt() + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running job.")
    static final class Pause extends JobTransitionCommand {
        Pause() {
            super("pause");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused job.")
    static final class Resume extends JobTransitionCommand {
        Resume() {
            super("resume");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job that has not finished.")
    static final class Cancel extends JobTransitionCommand {
        Cancel() {
            super("cancel");
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Re-run what a failed or cancelled job did not verify.")
    static final class Retry extends JobTransitionCommand {
        Retry() {
            super("retry");
        }
    }
}
