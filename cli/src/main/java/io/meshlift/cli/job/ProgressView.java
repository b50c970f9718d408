package io.meshlift.cli.job;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shows a job's progress as its views arrive (from server-sent events or polling). Lifecycle: {@link
 * #update} once per view, in order, then {@link #close()} once.
 */
public interface ProgressView extends AutoCloseable {

    void update(JsonNode job);

    @Override
    void close();

    /** Bars on a terminal; otherwise lines that read well in a log; JSON lines for {@code --output json}. */
    static ProgressView choose(boolean json, PrintWriter out) {
        if (json) {
            return new JsonLinesProgress(out);
        }
        if (System.console() != null) {
            return new ProgressBars();
        }
        return new LineProgress(out);
    }
}
