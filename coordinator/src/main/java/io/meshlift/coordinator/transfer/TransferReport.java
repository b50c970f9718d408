package io.meshlift.coordinator.transfer;

import java.time.Instant;

/**
 * What a destination agent reports about one assignment: the domain form of the protocol's
 * {@code Report}. Applied at most once per (agent, report id).
 *
 * @param body null when the agent sent a report with no body (applied as a no-op)
 */
public record TransferReport(long reportId, String assignmentId, Body body) {

    public sealed interface Body permits Progress, FileVerified, Finished, Refused, Deleted, PeerRefused {}

    public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal) implements Body {}

    /**
     * @param outcome COPIED, UNCHANGED or FAILED
     * @param destinationSha256 empty when verification failed
     */
    public record FileVerified(
            String path,
            long size,
            String sourceSha256,
            String destinationSha256,
            String outcome,
            Instant verifiedAt,
            String error)
            implements Body {

        public boolean failed() {
            return "FAILED".equals(outcome) || destinationSha256 == null || destinationSha256.isEmpty();
        }
    }

    /** @param state SUCCEEDED, FAILED or CANCELLED */
    public record Finished(String state, String sourceDigest, String destinationDigest, String error) implements Body {}

    public record Refused(String reason) implements Body {}

    /**
     * A destination entry the agent removed because the source no longer lists it.
     *
     * @param path relative to the transfer's destination path
     * @param type FILE, SYMLINK or DIRECTORY
     */
    public record Deleted(String path, String type, long size, Instant deletedAt) implements Body {}

    /**
     * The reporting agent, as a source, refused a peer request (not about one of its assignments).
     *
     * @param jobId from the refused grant when it was authentic, else empty
     */
    public record PeerRefused(
            String requester,
            String method,
            String volume,
            String path,
            String reason,
            String message,
            String jobId,
            String assignmentId,
            Instant refusedAt,
            long suppressedBefore)
            implements Body {}
}
