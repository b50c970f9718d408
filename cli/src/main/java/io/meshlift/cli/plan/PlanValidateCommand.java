package io.meshlift.cli.plan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.output.OutputOptions;
import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.MigrationPlan;
import io.meshlift.core.plan.PlanError;
import io.meshlift.core.plan.PlanParseResult;

/** {@code meshlift plan validate FILE}: offline, exit code 1 when the plan has errors. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check a plan file offline with the coordinator's validator.",
            "Errors print as FILE:LINE:COLUMN: FIELD: MESSAGE; exit code 1 when there is any.",
            "Whether the agents exist is checked only by the coordinator (plan apply)."
        })
public final class PlanValidateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", description = "The plan file (YAML or JSON).")
    Path file;

    @Override
    public Integer call() {
        PlanParseResult result = PlanFiles.validate(file);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, json(result));
        } else if (result.isValid()) {
            MigrationPlan plan = result.plan().orElseThrow();
            out.println(file + ": valid plan '" + plan.metadata().name() + "': "
                    + plan.datasets().size() + " dataset(s), " + transfers(plan) + " transfer(s), agents "
                    + plan.agents());
            out.flush();
        } else {
            PlanFiles.printErrors(result, spec.commandLine().getErr());
        }
        return result.isValid() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static int transfers(MigrationPlan plan) {
        return plan.datasets().stream().mapToInt(d -> d.destinations().size()).sum();
    }

    private static ObjectNode json(PlanParseResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", result.sourceName());
        node.put("valid", result.isValid());
        result.plan().ifPresent(plan -> {
            node.put("name", plan.metadata().name());
            ArrayNode datasets = node.putArray("datasets");
            for (DatasetSpec dataset : plan.datasets()) {
                ObjectNode d = datasets.addObject();
                d.put("name", dataset.name());
                d.put("source", dataset.source().toString());
                ArrayNode destinations = d.putArray("destinations");
                dataset.destinations().forEach(destination -> destinations.add(destination.toString()));
            }
        });
        ArrayNode errors = node.putArray("errors");
        for (PlanError error : result.errors()) {
            ObjectNode e = errors.addObject();
            e.put("line", error.line());
            e.put("column", error.column());
            e.put("path", error.path());
            e.put("message", error.message());
        }
        return node;
    }
}
