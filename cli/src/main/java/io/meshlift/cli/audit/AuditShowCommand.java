package io.meshlift.cli.audit;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;
import io.meshlift.cli.output.Table;
import io.meshlift.cli.output.Units;

/**
 * {@code meshlift audit show JOB}: each transfer with its dataset digests and file counts, then the file
 * rows, page after page ({@code GET /api/v1/jobs/{id}/audit}). For large jobs, {@code audit export} streams.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show a job's audit: per transfer the dataset digests and file counts, then every file row.",
            "Needs the meshlift-auditor or meshlift-admin role."
        })
public final class AuditShowCommand implements Callable<Integer> {

    static final int PAGE = 1000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Mixin
    StatusFilter filter;

    @Parameters(paramLabel = "JOB", description = "The job id.")
    String job;

    @Option(names = "--transfer", paramLabel = "ID", description = "Only this transfer (its id).")
    String transfer;

    @Override
    public Integer call() {
        CoordinatorClient client = coordinator.client();
        JsonNode first = null;
        ArrayNode files = null;
        String after = null;
        do {
            JsonNode page = client.get(AuditQuery.page(job)
                    .with("status", filter.query())
                    .with("transferId", transfer)
                    .with("after", after)
                    .with("limit", PAGE)
                    .build());
            if (first == null) {
                first = page;
                files = JsonNodeFactory.instance.arrayNode();
            }
            page.path("files").forEach(files::add);
            after = page.path("nextAfter").isTextual() ? page.path("nextAfter").asText() : null;
        } while (after != null);

        ObjectNode audit = first.deepCopy();
        audit.set("files", files);
        audit.remove("nextAfter");
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, audit);
        } else {
            print(audit, out);
        }
        return ExitCodes.OK;
    }

    private static void print(JsonNode audit, PrintWriter out) {
        out.println("Job " + audit.path("jobId").asText() + " "
                + audit.path("state").asText() + " (pass " + audit.path("pass").asInt() + ")");
        out.println();
        Table transfers = new Table(
                "TRANSFER",
                "DATASET",
                "DESTINATION",
                "STATE",
                "DIGESTS",
                "FILES",
                "MATCH",
                "MISMATCH",
                "MISSING",
                "UNRECORDED");
        for (JsonNode t : audit.path("transfers")) {
            JsonNode counts = t.path("files");
            transfers.row(
                    t.path("transferId").asText(),
                    t.path("dataset").asText(),
                    t.path("destination").asText(),
                    t.path("state").asText(),
                    t.path("digestsMatch").isBoolean()
                            ? (t.path("digestsMatch").asBoolean() ? "match" : "DIFFER")
                            : "pending",
                    counts.path("total").asLong(),
                    counts.path("match").asLong(),
                    counts.path("mismatch").asLong(),
                    counts.path("missing").asLong(),
                    counts.path("unrecorded").asLong());
        }
        transfers.print(out);
        out.println();
        Table files = new Table(
                "STATUS", "DESTINATION", "PATH", "SIZE", "SOURCE SHA-256", "DESTINATION SHA-256", "VERIFIED AT", "BY");
        for (JsonNode f : audit.path("files")) {
            files.row(
                    f.path("status").asText(),
                    f.path("destination").asText(),
                    f.path("path").asText(),
                    Units.bytes(f.path("size").asLong()),
                    f.path("sourceSha256").asText(null),
                    f.path("destinationSha256").asText(null),
                    f.path("verifiedAt").asText(null),
                    f.path("verifiedBy").asText(null));
        }
        if (files.isEmpty()) {
            out.println("no file rows");
        } else {
            files.print(out);
        }
        out.flush();
    }
}
