package io.meshlift.cli.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;
import io.meshlift.cli.api.CoordinatorOptions;
import io.meshlift.cli.output.OutputOptions;

/**
 * {@code meshlift audit verify JOB DIR}: re-hashes DIR here and compares it with what the job's audit
 * recorded for one destination. Exit code 0 only when every audited file is present with the audited
 * digest and nothing else is there.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-hash a local directory and compare it with a job's audit of one destination.",
            "Prints files that differ (mismatch), are audited but absent (missing) or present but not audited"
                    + " (extra), and the dataset digests; exit code 1 on any difference."
        })
public final class AuditVerifyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CoordinatorOptions coordinator;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
    String job;

    @Parameters(index = "1", paramLabel = "DIR", description = "The local copy of one destination's dataset.")
    Path dir;

    @Option(
            names = "--transfer",
            paramLabel = "ID|AGENT:VOLUME:PATH",
            description = "The destination DIR is a copy of; needed when the job has more than one transfer.")
    String transfer;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.USAGE, dir + " is not a directory");
        }
        CoordinatorClient client = coordinator.client();
        JsonNode chosen = Transfers.pick(
                client.get(AuditQuery.page(job).with("limit", 1).build()).path("transfers"), transfer, job);
        String transferId = chosen.path("transferId").asText();
        Map<String, AuditedFile> audited = audited(client, transferId);

        TreeVerification.Result result = TreeVerification.verify(dir, audited);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputOptions.printJson(out, json(chosen, audited.size(), result));
        } else {
            print(chosen, audited.size(), result, out);
        }
        return result.clean() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The transfer's audited files, streamed from the JSON-lines export. */
    private Map<String, AuditedFile> audited(CoordinatorClient client, String transferId) throws IOException {
        Map<String, AuditedFile> files = new HashMap<>();
        String path = AuditQuery.export(job)
                .with("format", "json")
                .with("transferId", transferId)
                .build();
        try (InputStream body = client.stream(path, "application/x-ndjson");
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    AuditedFile file = AuditedFile.of(JSON.readTree(line));
                    files.put(file.path(), file);
                }
            }
        }
        return files;
    }

    private void print(JsonNode transfer, int audited, TreeVerification.Result result, PrintWriter out) {
        out.println("verifying " + dir + " against " + transfer.path("dataset").asText() + " -> "
                + transfer.path("destination").asText() + " (transfer "
                + transfer.path("transferId").asText()
                + ")");
        for (TreeVerification.Difference d : result.differences()) {
            switch (d.kind()) {
                case MISMATCH ->
                    out.println("MISMATCH  " + d.path() + "  audited " + d.expected() + ", here " + d.actual());
                case MISSING -> out.println("MISSING   " + d.path() + "  audited " + d.expected());
                case EXTRA -> out.println("EXTRA     " + d.path() + "  here " + d.actual());
            }
        }
        result.skipped().forEach(skipped -> out.println("SKIPPED   " + skipped));
        String auditedDigest = transfer.path("destinationDigest").asText("");
        out.println("dataset digest here: " + result.datasetDigest());
        out.println("dataset digest audited (destination): " + (auditedDigest.isEmpty() ? "-" : auditedDigest)
                + (auditedDigest.isEmpty()
                        ? ""
                        : result.datasetDigest().equals(auditedDigest) ? "  (equal)" : "  (DIFFERENT)"));
        out.println(result.files() + " files hashed here, " + audited + " audited: "
                + result.count(TreeVerification.Kind.MISMATCH) + " mismatch, "
                + result.count(TreeVerification.Kind.MISSING)
                + " missing, " + result.count(TreeVerification.Kind.EXTRA) + " extra"
                + (result.clean() ? "; OK" : "; DIFFERENCES FOUND"));
        out.flush();
    }

    private ObjectNode json(JsonNode transfer, int audited, TreeVerification.Result result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("jobId", job);
        node.put("transferId", transfer.path("transferId").asText());
        node.put("dataset", transfer.path("dataset").asText());
        node.put("destination", transfer.path("destination").asText());
        node.put("directory", dir.toAbsolutePath().toString());
        node.put("filesHere", result.files());
        node.put("bytesHere", result.bytes());
        node.put("filesAudited", audited);
        node.put("datasetDigestHere", result.datasetDigest());
        node.set("datasetDigestAudited", transfer.path("destinationDigest"));
        node.put("clean", result.clean());
        ArrayNode differences = node.putArray("differences");
        for (TreeVerification.Difference d : result.differences()) {
            ObjectNode entry = differences.addObject();
            entry.put("kind", d.kind().name());
            entry.put("path", d.path());
            entry.put("expectedSha256", d.expected());
            entry.put("actualSha256", d.actual());
        }
        ArrayNode skipped = node.putArray("skipped");
        result.skipped().forEach(skipped::add);
        return node;
    }
}
