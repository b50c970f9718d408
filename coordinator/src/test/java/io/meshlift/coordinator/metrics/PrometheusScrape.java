package io.meshlift.coordinator.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One scrape of a Prometheus text exposition, read the way a test asks about it. */
public final class PrometheusScrape {

    private record Sample(String name, String labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();

    private PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            String labels = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
    }

    public static PrometheusScrape of(String text) {
        return new PrometheusScrape(text);
    }

    /** Whether any sample of {@code series} exists. */
    public boolean has(String series) {
        return samples.stream().anyMatch(s -> s.name.equals(series));
    }

    /**
     * The value of the one sample of {@code series} whose labels contain every {@code label="value"} given.
     *
     * @param labels e.g. {@code kind="file"}
     */
    public double value(String series, String... labels) {
        Optional<Sample> match = samples.stream()
                .filter(s -> s.name.equals(series))
                .filter(s -> List.of(labels).stream().allMatch(s.labels::contains))
                .findFirst();
        return match.orElseThrow(() -> new AssertionError("no sample " + series + List.of(labels) + " in the scrape"))
                .value;
    }
}
