package io.meshlift.cli.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live bars on the terminal (stderr): one for the whole job, one per transfer, each with bytes, rate and
 * ETA. The rate is measured by the bar from the bytes it sees move; the ETA is the coordinator's, which
 * smooths over the agents' reports.
 */
final class ProgressBars implements ProgressView {

    private static final long MIB = 1024 * 1024;

    private final Map<String, Bar> bars = new LinkedHashMap<>();

    @Override
    public void update(JsonNode job) {
        JsonNode p = job.path("progress");
        bar("job", "job " + shortId(job.path("id").asText()))
                .show(
                        p.path("bytesDone").asLong(),
                        p.path("bytesTotal").asLong(),
                        JobTables.eta(p),
                        job.path("state").asText() + " "
                                + p.path("transfersDone").asInt() + "/"
                                + p.path("transfers").asInt() + " transfers");
        for (JsonNode t : job.path("transfers")) {
            bar(
                            t.path("id").asText(),
                            t.path("dataset").asText() + " -> "
                                    + t.path("destination").asText())
                    .show(
                            t.path("bytesDone").asLong(),
                            t.path("bytesTotal").asLong(),
                            JobTables.eta(t),
                            t.path("state").asText() + " " + t.path("filesDone").asLong() + "/"
                                    + t.path("filesTotal").asLong() + " files");
        }
    }

    @Override
    public void close() {
        bars.values().forEach(bar -> bar.progress.close());
    }

    private Bar bar(String key, String name) {
        return bars.computeIfAbsent(key, k -> new Bar(name));
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static final class Bar {
        private final AtomicReference<Long> eta = new AtomicReference<>();
        private final ProgressBar progress;

        Bar(String name) {
            progress = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(0)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" MiB", MIB)
                    .setUpdateIntervalMillis(500)
                    .showSpeed()
                    .setEtaFunction(state -> Optional.ofNullable(eta.get()).map(Duration::ofSeconds))
                    .build();
        }

        void show(long done, long total, Long etaSeconds, String message) {
            eta.set(etaSeconds);
            if (total > 0 && total != progress.getMax()) {
                progress.maxHint(total);
            }
            progress.stepTo(done);
            progress.setExtraMessage(message);
        }
    }
}
