package io.meshlift.coordinator.job;

import java.util.List;
import java.util.UUID;

/**
 * What a job of the plan would do, moving nothing: one entry per (dataset, destination) with the files and
 * bytes the source agent counted just now, and an estimated duration.
 *
 * @param ready every agent involved is ONLINE
 * @param totals the sums over every transfer
 * @param note what the figures mean and do not include
 */
public record JobDryRun(
        UUID planId, String planName, boolean dryRun, boolean ready, List<Item> transfers, Totals totals, String note) {

    /**
     * @param sourceAgent state of the source agent: ONLINE, OFFLINE or UNKNOWN (never registered)
     * @param destinationAgent the same for the destination
     * @param files regular files the transfer's manifest would list (include/exclude applied)
     * @param bytes their total size: what moves into an empty destination
     * @param skipped entries the source cannot list (special files, names that cannot be carried safely)
     * @param estimatedSeconds null when unknown ({@code estimateNote} says why)
     * @param estimateBasis see {@link DurationEstimate#basis()}
     */
    public record Item(
            String dataset,
            String source,
            String destination,
            String sourceAgent,
            String destinationAgent,
            String verify,
            int chunkSize,
            long bandwidthLimit,
            int concurrency,
            long files,
            long bytes,
            long directories,
            long symlinks,
            long skipped,
            Long estimatedSeconds,
            String estimateBasis,
            Long estimateBytesPerSecond,
            String estimateNote) {}

    /**
     * @param estimatedSeconds the sum of the transfers' estimates, as if they ran one after another (an upper
     *     bound: transfers to different destinations run in parallel); null when any is unknown
     */
    public record Totals(long transfers, long files, long bytes, Long estimatedSeconds) {}

    static final String NOTE = "files and bytes were counted by each source agent just now, with the plan's"
            + " include/exclude filters and without reading file content; bytes is what moves into an empty"
            + " destination: an incremental pass moves only missing or changed chunks, which this dry run does"
            + " not compare (files already present at the destination are not counted). Estimates come from the"
            + " plan's bandwidth limit, else from recently measured transfer rates, else they are unknown (null);"
            + " the total estimate adds the transfers up as if they ran one after another";
}
