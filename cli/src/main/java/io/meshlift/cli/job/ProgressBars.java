package io.meshlift.cli.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live bars on the terminal: one for the whole job, one per transfer, each with bytes, rate and ETA. The
 * rate is measured by the bar from the bytes it sees move; the ETA is the coordinator's, which smooths
 * over the agents' reports. A bar stays indefinite until its total is known (a transfer before the
 * source's manifest arrived).
 */
final class ProgressBars implements ProgressView {

    private static final long MIB = 1024 * 1024;

    /** Where bars are drawn; null for the library's console (stderr, several bars on their own lines). */
    private final Supplier<ProgressBarConsumer> consumer;

    private final Map<String, Bar> bars = new LinkedHashMap<>();

    ProgressBars() {
        this(null);
    }

    ProgressBars(Supplier<ProgressBarConsumer> consumer) {
        this.consumer = consumer;
    }

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
        return bars.computeIfAbsent(key, k -> new Bar(name, consumer == null ? null : consumer.get()));
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static final class Bar {
        private final AtomicReference<Long> eta = new AtomicReference<>();
        private final ProgressBar progress;

        Bar(String name, ProgressBarConsumer consumer) {
            ProgressBarBuilder builder = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" MiB", MIB)
                    .setUpdateIntervalMillis(500)
                    .showSpeed()
                    .setEtaFunction(state -> Optional.ofNullable(eta.get()).map(Duration::ofSeconds));
            if (consumer != null) {
                builder.setConsumer(consumer);
            }
            progress = builder.build();
        }

        void show(long done, long total, Long etaSeconds, String message) {
            eta.set(etaSeconds);
            if (total > 0 && total != progress.getMax()) {
                progress.maxHint(total);
            }
            progress.stepTo(done);
            progress.setExtraMessage(message);
            progress.refresh();
        }
    }
}
