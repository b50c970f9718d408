package io.meshlift.cli.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;
import io.meshlift.cli.api.CoordinatorClient;

/**
 * Follows a job until it reaches a terminal state, feeding a {@link ProgressView}: from the job's
 * server-sent events ({@code GET /api/v1/jobs/{id}/events}), and by polling {@code GET /api/v1/jobs/{id}}
 * when the event stream breaks (a coordinator restart, a proxy that cuts long requests).
 */
public final class JobWatch {

    public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    /** Consecutive failed polls tolerated (about a minute) before giving up with exit code 5. */
    static final int MAX_POLL_FAILURES = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoordinatorClient client;
    private final String jobId;
    private final PrintWriter err;

    public JobWatch(CoordinatorClient client, String jobId, PrintWriter err) {
        this.client = client;
        this.jobId = jobId;
        this.err = err;
    }

    /** @return the job's last view, in a terminal state */
    public JsonNode follow(ProgressView view) throws InterruptedException {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try (view) {
            try (InputStream events = client.stream(path() + "/events", "text/event-stream")) {
                ServerSentEvents.read(events, data -> {
                    JsonNode job = parse(data);
                    last.set(job);
                    view.update(job);
                });
            } catch (IOException e) {
                err.println("meshlift: the event stream broke (" + e.getMessage() + "); polling instead");
                err.flush();
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    throw e;
                }
                err.println("meshlift: no event stream (" + e.getMessage() + "); polling instead");
                err.flush();
            }
            if (last.get() != null && isTerminal(last.get())) {
                return last.get();
            }
            return poll(view);
        }
    }

    private JsonNode poll(ProgressView view) throws InterruptedException {
        int failures = 0;
        while (true) {
            try {
                JsonNode job = client.get(path());
                failures = 0;
                view.update(job);
                if (isTerminal(job)) {
                    return job;
                }
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE || ++failures >= MAX_POLL_FAILURES) {
                    throw e;
                }
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private String path() {
        return "/api/v1/jobs/" + CoordinatorClient.segment(jobId);
    }

    static boolean isTerminal(JsonNode job) {
        return TERMINAL.contains(job.path("state").asText());
    }

    /** Exit code for a watched job: 0 only when it SUCCEEDED. */
    public static int exitCode(JsonNode job) {
        return "SUCCEEDED".equals(job.path("state").asText()) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("an event of job progress is not JSON", e);
        }
    }
}
