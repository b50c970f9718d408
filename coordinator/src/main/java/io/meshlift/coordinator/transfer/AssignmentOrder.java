package io.meshlift.coordinator.transfer;

import java.util.List;
import java.util.UUID;

/**
 * What a destination agent is told to pull: the domain form of the protocol's {@code Assignment}.
 *
 * @param verify {@code full} or {@code chunks}
 * @param bandwidthLimit bytes per second, 0 for no cap
 * @param deleteExtraneous remove destination entries the source no longer lists, once all verified
 * @param concurrency the plan's chunk requests in flight (the agent caps it at its own limit)
 * @param grant the encoded SignedGrant (grant.proto) for the destination to present to the source
 * @param resend true when this assignment id was sent before (lease taken over, job resumed): the agent
 *     may already run it
 */
public record AssignmentOrder(
        String assignmentId,
        UUID jobId,
        String dataset,
        int pass,
        String sourceAgent,
        String sourceHost,
        int sourcePort,
        String sourceVolume,
        String sourcePath,
        String destinationVolume,
        String destinationPath,
        int chunkSize,
        String verify,
        List<String> include,
        List<String> exclude,
        long bandwidthLimit,
        boolean deleteExtraneous,
        int concurrency,
        byte[] grant,
        boolean resend) {

    public AssignmentOrder {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        grant = grant.clone();
    }

    @Override
    public byte[] grant() {
        return grant.clone();
    }
}
