package io.meshlift.agent.transfer;

import java.time.Instant;

/**
 * Outcome of one file of a pull, as the audit records it.
 *
 * @param outcome COPIED (bytes moved or reused), UNCHANGED (already identical), FAILED
 * @param destinationDigest hex SHA-256 of the destination file as verified, null when it failed
 */
public record FileResult(
        String path,
        long size,
        String sourceDigest,
        String destinationDigest,
        Outcome outcome,
        String verifiedBy,
        Instant verifiedAt,
        long chunksFetched,
        long chunksReused,
        String error) {

    public enum Outcome {
        COPIED,
        UNCHANGED,
        FAILED
    }
}
