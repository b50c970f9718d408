package io.meshlift.cli.job;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.cli.output.Table;
import io.meshlift.cli.output.Units;

/** Jobs as tables for people; field names are those of the coordinator's {@code JobView}. */
public final class JobTables {

    private JobTables() {}

    public static Table list(JsonNode jobs) {
        Table table = new Table("ID", "STATE", "PASS", "CREATED", "TRANSFERS", "FILES", "BYTES", "DONE", "RATE", "ETA");
        for (JsonNode job : jobs) {
            JsonNode p = job.path("progress");
            table.row(
                    job.path("id").asText(),
                    job.path("state").asText(),
                    job.path("pass").asInt(),
                    job.path("createdAt").asText(null),
                    p.path("transfersDone").asInt() + "/" + p.path("transfers").asInt(),
                    p.path("filesDone").asLong() + "/" + p.path("filesTotal").asLong(),
                    Units.bytes(p.path("bytesDone").asLong()) + "/"
                            + Units.bytes(p.path("bytesTotal").asLong()),
                    Units.percent(
                            p.path("bytesDone").asLong(), p.path("bytesTotal").asLong()),
                    Units.rate(p.path("rateBytesPerSecond").asLong()),
                    Units.duration(eta(p)));
        }
        return table;
    }

    /** One job: a summary block, then one row per transfer. */
    public static void detail(JsonNode job, PrintWriter out) {
        JsonNode p = job.path("progress");
        out.println("Job:       " + job.path("id").asText());
        out.println("Plan:      " + job.path("planId").asText());
        out.println("State:     " + job.path("state").asText() + " (pass "
                + job.path("pass").asInt() + ")");
        out.println("Created:   " + job.path("createdAt").asText("-"));
        out.println("Started:   " + job.path("startedAt").asText("-"));
        out.println("Finished:  " + job.path("finishedAt").asText("-"));
        out.println("Progress:  " + progressLine(p));
        out.println();
        Table transfers = new Table(
                "TRANSFER",
                "DATASET",
                "DESTINATION",
                "STATE",
                "FILES",
                "BYTES",
                "DONE",
                "RATE",
                "ETA",
                "ATTEMPTS",
                "LAST ERROR");
        for (JsonNode t : job.path("transfers")) {
            transfers.row(
                    t.path("id").asText(),
                    t.path("dataset").asText(),
                    t.path("destination").asText(),
                    t.path("state").asText(),
                    t.path("filesDone").asLong() + "/" + t.path("filesTotal").asLong(),
                    Units.bytes(t.path("bytesDone").asLong()) + "/"
                            + Units.bytes(t.path("bytesTotal").asLong()),
                    Units.percent(
                            t.path("bytesDone").asLong(), t.path("bytesTotal").asLong()),
                    Units.rate(t.path("rateBytesPerSecond").asLong()),
                    Units.duration(eta(t)),
                    t.path("attempts").asInt(),
                    t.path("lastError").asText(null));
        }
        transfers.print(out);
    }

    /** {@code 2/3 transfers, 120/301 files, 1.2 GiB/2.0 GiB (60.0%), 20.0 MiB/s, ETA 41s}. */
    public static String progressLine(JsonNode p) {
        return p.path("transfersDone").asInt() + "/" + p.path("transfers").asInt() + " transfers, "
                + p.path("filesDone").asLong() + "/" + p.path("filesTotal").asLong() + " files, "
                + Units.bytes(p.path("bytesDone").asLong()) + "/"
                + Units.bytes(p.path("bytesTotal").asLong())
                + " ("
                + Units.percent(
                        p.path("bytesDone").asLong(), p.path("bytesTotal").asLong()) + "), "
                + Units.rate(p.path("rateBytesPerSecond").asLong()) + ", ETA " + Units.duration(eta(p));
    }

    static Long eta(JsonNode progress) {
        JsonNode eta = progress.path("etaSeconds");
        return eta.isNumber() ? eta.asLong() : null;
    }
}
