package io.meshlift.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Live progress of a job: one line a second from {@code GET /api/v1/jobs/{id}} (files and bytes done of
 * total, rate, ETA) until the job ends, then every transfer's outcome.
 */
final class JobWatch {

    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private JobWatch() {}

    /** @return the job as it ended */
    static JsonNode follow(CoordinatorApi api, String jobId, Console console) {
        Instant started = Instant.now();
        Instant deadline = started.plus(TIMEOUT);
        while (true) {
            JsonNode job = api.job(jobId);
            String state = job.path("state").asText();
            console.detail("%s", line(job, Duration.between(started, Instant.now())));
            if (TERMINAL.contains(state)) {
                for (JsonNode transfer : job.path("transfers")) {
                    console.detail(
                            "  %-9s %-8s -> %-22s %s%s",
                            transfer.path("state").asText(),
                            transfer.path("dataset").asText(),
                            transfer.path("destination").asText(),
                            transfer.path("filesDone").asLong() + " files",
                            transfer.path("lastError").isTextual()
                                    ? " (" + transfer.path("lastError").asText() + ")"
                                    : "");
                }
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new QuickstartException("job " + jobId + " still " + state + " after " + TIMEOUT.toMinutes()
                        + " min; see the agents' logs");
            }
            Pause.of(Duration.ofSeconds(1));
        }
    }

    static String line(JsonNode job, Duration elapsed) {
        JsonNode progress = job.path("progress");
        JsonNode rate = progress.path("rateBytesPerSecond");
        JsonNode eta = progress.path("etaSeconds");
        return String.format(
                "[%4ds] %-9s transfers %d/%d  files %d/%d  %s / %s  %s%s",
                elapsed.toSeconds(),
                job.path("state").asText(),
                progress.path("transfersDone").asLong(),
                progress.path("transfers").asLong(),
                progress.path("filesDone").asLong(),
                progress.path("filesTotal").asLong(),
                mib(progress.path("bytesDone").asLong()),
                mib(progress.path("bytesTotal").asLong()),
                rate.isNumber() ? mib(rate.asLong()) + "/s" : "-",
                eta.isNumber() ? "  eta " + eta.asLong() + " s" : "");
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
