package io.meshlift.agent.transfer;

import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of a pull, as the admin API and reports show it.
 *
 * @param chunkRequestsInFlight the cap on chunk requests this pull keeps in flight ({@link ChunkConcurrency}); 0
 *     before it starts
 */
public record PullProgress(
        String id,
        PullState state,
        String source,
        String destination,
        Instant startedAt,
        Instant finishedAt,
        boolean manifestComplete,
        long filesListed,
        long bytesListed,
        long filesDone,
        long filesUnchanged,
        long filesFailed,
        long bytesDone,
        long chunksFetched,
        long bytesFetched,
        long chunksReused,
        long bytesReused,
        long chunksResumed,
        long chunksRejected,
        long entriesDeleted,
        String sourceDatasetDigest,
        String destinationDatasetDigest,
        List<String> skipped,
        long incidentCount,
        List<IncidentLog.Incident> incidents,
        String error,
        int chunkRequestsInFlight) {}
