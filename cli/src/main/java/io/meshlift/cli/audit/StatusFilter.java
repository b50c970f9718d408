package io.meshlift.cli.audit;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** {@code --mismatch} and {@code --missing}: which file rows of the audit to show; all when neither is given. */
final class StatusFilter {

    @Option(names = "--mismatch", description = "Only files whose destination digest differs from the source's.")
    boolean mismatch;

    @Option(names = "--missing", description = "Only files the destination has no digest for.")
    boolean missing;

    /** The {@code status} query value, or null for every row. */
    String query() {
        List<String> statuses = new ArrayList<>();
        if (mismatch) {
            statuses.add("mismatch");
        }
        if (missing) {
            statuses.add("missing");
        }
        return statuses.isEmpty() ? null : String.join(",", statuses);
    }
}
