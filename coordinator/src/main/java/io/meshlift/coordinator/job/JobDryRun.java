package io.meshlift.coordinator.job;

import java.util.List;
import java.util.UUID;

/**
 * What a job of the plan would do, moving nothing: one entry per (dataset, destination), with the state
 * of the agents involved as the coordinator knows them now.
 *
 * @param ready every agent involved is ONLINE
 * @param note what this answer does not (yet) include
 */
public record JobDryRun(
        UUID planId, String planName, boolean dryRun, boolean ready, List<Item> transfers, String note) {

    /**
     * @param sourceAgent state of the source agent: ONLINE, OFFLINE or UNKNOWN (never registered)
     * @param destinationAgent the same for the destination
     */
    public record Item(
            String dataset,
            String source,
            String destination,
            String sourceAgent,
            String destinationAgent,
            String verify,
            int chunkSize,
            long bandwidthLimit) {}

    static final String NOTE = "file and byte counts and a duration estimate need the source agent's manifest;"
            + " the coordinator does not request manifests yet, so only datasets, destinations and agent states"
            + " are reported";
}
