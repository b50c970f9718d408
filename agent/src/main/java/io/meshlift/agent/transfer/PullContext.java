package io.meshlift.agent.transfer;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** What every file of one pull shares: the request, the peer client, limits and counters. */
record PullContext(
        PullRequest request,
        String agentId,
        PeerChunkClient client,
        List<BandwidthLimiter> limiters,
        ScheduledExecutorService scheduler,
        LocalFiles localFiles,
        DirectorySyncs directorySyncs,
        TransferCounters counters,
        IncidentLog incidents,
        int chunksInFlightPerFile,
        int chunkAttempts) {}
