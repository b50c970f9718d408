package io.meshlift.cli.job;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

/** Every job view on one line of JSON (NDJSON), for scripts that follow a job with {@code jq}. */
final class JsonLinesProgress implements ProgressView {

    private final PrintWriter out;

    JsonLinesProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(JsonNode job) {
        out.println(job.toString());
        out.flush();
    }

    @Override
    public void close() {}
}
