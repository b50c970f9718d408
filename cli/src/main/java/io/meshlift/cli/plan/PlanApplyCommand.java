package io.meshlift.cli.plan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.job.JobWatch;
import io.meshlift.cli.job.ProgressView;
import io.meshlift.cli.output.OutputOptions;
import io.meshlift.cli.output.Table;
import io.meshlift.cli.output.Units;
import io.meshlift.core.plan.PlanParseResult;

/**
 * {@code meshlift plan apply FILE}: validates offline first (so a typo costs no round trip), uploads the
 * plan ({@code POST /api/v1/plans}) and starts a job ({@code POST /api/v1/jobs}), or with {@code
 * --dry-run} asks what the job would do.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Upload a plan and start a job of it.",
            "--dry-run stores the plan but starts nothing: it prints what the job would move and whether"
                    + " every agent involved is online. --watch follows the job until it ends (exit code 0 only"
                    + " when it SUCCEEDED)."
        })
public final class PlanApplyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", description = "The plan file (YAML or JSON).")
    Path file;

    @Option(names = "--dry-run", description = "Report what a job would do; start nothing.")
    boolean dryRun;

    @Option(names = "--watch", description = "Follow the started job's progress until it ends.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        if (dryRun && watch) {
            throw new CliException(ExitCodes.USAGE, "--dry-run starts no job, so there is nothing to --watch");
        }
        PlanParseResult result = PlanFiles.validate(file);
        if (!result.isValid()) {
            PlanFiles.printErrors(result, spec.commandLine().getErr());
            return ExitCodes.FAILURE;
        }
        CoordinatorClient client = coordinator.client();
        JsonNode plan = client.postYaml("/api/v1/plans", read(file));
        String planId = plan.path("id").asText();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("planId", planId);
        if (dryRun) {
            request.put("dryRun", true);
        }
        JsonNode answer = client.postJson("/api/v1/jobs", request);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            printDryRun(plan, answer, out);
            return ExitCodes.OK;
        }
        String jobId = answer.path("id").asText();
        if (!watch) {
            if (output.json()) {
                OutputOptions.printJson(out, answer);
            } else {
                out.println("plan " + plan.path("name").asText() + " stored as " + planId);
                out.println("job " + jobId + " started (" + answer.path("state").asText() + ");"
                        + " follow it with: meshlift jobs watch " + jobId);
                out.flush();
            }
            return ExitCodes.OK;
        }
        if (!output.json()) {
            out.println(
                    "job " + jobId + " started from plan " + plan.path("name").asText() + " (" + planId + ")");
            out.flush();
        }
        JsonNode last = new JobWatch(client, jobId, spec.commandLine().getErr())
                .follow(ProgressView.choose(output.json(), out));
        if (!output.json()) {
            out.println("job " + jobId + " " + last.path("state").asText());
            out.flush();
        }
        return JobWatch.exitCode(last);
    }

    private void printDryRun(JsonNode plan, JsonNode dryRun, PrintWriter out) {
        if (output.json()) {
            OutputOptions.printJson(out, dryRun);
            return;
        }
        JsonNode transfers = dryRun.path("transfers");
        long datasets = 0;
        Set<String> names = new HashSet<>();
        Set<String> agents = new TreeSet<>();
        Set<String> offline = new TreeSet<>();
        for (JsonNode t : transfers) {
            if (names.add(t.path("dataset").asText())) {
                datasets++;
            }
            agentOf(t, "source", "sourceAgent", agents, offline);
            agentOf(t, "destination", "destinationAgent", agents, offline);
        }
        out.println("dry run of plan " + dryRun.path("planName").asText() + " (stored as "
                + plan.path("id").asText() + "): nothing was started");
        out.println(datasets + " dataset(s), " + transfers.size() + " transfer(s), " + agents.size()
                + " agent(s); "
                + (dryRun.path("ready").asBoolean()
                        ? "every agent is ONLINE"
                        : "not ready, agents not ONLINE: " + offline));
        Table table = new Table("DATASET", "SOURCE", "DESTINATION", "SOURCE AGENT", "DEST AGENT", "VERIFY", "CHUNK");
        for (JsonNode t : transfers) {
            table.row(
                    t.path("dataset").asText(),
                    t.path("source").asText(),
                    t.path("destination").asText(),
                    t.path("sourceAgent").asText(),
                    t.path("destinationAgent").asText(),
                    t.path("verify").asText(),
                    Units.bytes(t.path("chunkSize").asLong()));
        }
        table.print(out);
        if (!dryRun.path("note").asText("").isEmpty()) {
            out.println("note: " + dryRun.path("note").asText());
        }
        out.flush();
    }

    /** Collects the agent of an {@code agent:volume:path} endpoint and whether the coordinator sees it ONLINE. */
    private static void agentOf(
            JsonNode transfer, String endpoint, String stateField, Set<String> agents, Set<String> offline) {
        String agent = transfer.path(endpoint).asText().split(":", 2)[0];
        agents.add(agent);
        if (!"ONLINE".equals(transfer.path(stateField).asText())) {
            offline.add(agent + " " + transfer.path(stateField).asText());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read the plan file " + file + ": " + e.getMessage(), e);
        }
    }
}
