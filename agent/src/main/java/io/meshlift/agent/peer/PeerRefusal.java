package io.meshlift.agent.peer;

import java.time.Instant;
import java.util.Optional;

import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.grant.PeerGrant;

/**
 * A peer request this agent refused for lack of a grant allowing it.
 *
 * @param requester the caller's certified identity
 * @param method GetManifest, FetchChunks or GetAvailability
 * @param volume the dataset volume asked for, as sent
 * @param path the dataset path (plus file for FetchChunks) asked for, as sent
 * @param grant the refused grant, only when it was authentic
 * @param suppressedBefore refusals not reported on their own since the previous report (rate limit)
 */
public record PeerRefusal(
        String requester,
        String method,
        String volume,
        String path,
        GrantRefusedException.Reason reason,
        String message,
        Optional<PeerGrant> grant,
        Instant at,
        long suppressedBefore) {}
