package io.meshlift.cli.job;

import java.io.PrintWriter;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Progress for logs and pipes, where bars would be noise: one line when the job's state changes, and
 * otherwise at most one every {@link #EVERY}.
 */
final class LineProgress implements ProgressView {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintWriter out;
    private String lastState = "";
    private long lastPrinted;

    LineProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(JsonNode job) {
        String state = job.path("state").asText();
        long now = System.nanoTime();
        if (state.equals(lastState) && now - lastPrinted < EVERY.toNanos()) {
            return;
        }
        lastState = state;
        lastPrinted = now;
        out.println(state + ": " + JobTables.progressLine(job.path("progress")));
        out.flush();
    }

    @Override
    public void close() {}
}
