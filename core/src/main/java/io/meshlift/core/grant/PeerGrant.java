package io.meshlift.core.grant;

import java.time.Instant;
import java.util.Objects;

import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

/**
 * What a grant allows: {@code requester} may read {@code sourceVolume}/{@code sourcePrefix} (and below)
 * from {@code sourceAgent}, for job {@code jobId}, between {@code issuedAt} and {@code expiresAt}.
 *
 * @param assignmentId the attempt the grant was issued for (audit context only; not checked by sources)
 */
public record PeerGrant(
        String jobId,
        String assignmentId,
        String dataset,
        AgentId sourceAgent,
        String sourceVolume,
        RelativePath sourcePrefix,
        AgentId requester,
        Instant issuedAt,
        Instant expiresAt) {

    public PeerGrant {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(assignmentId, "assignmentId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sourceAgent, "sourceAgent");
        Objects.requireNonNull(sourceVolume, "sourceVolume");
        Objects.requireNonNull(sourcePrefix, "sourcePrefix");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (jobId.isEmpty() || sourceVolume.isEmpty()) {
            throw new IllegalArgumentException("a grant names a job and a source volume");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a grant must expire after it is issued");
        }
        // Milliseconds on the wire: keep the record equal to what a round trip gives back.
        issuedAt = Instant.ofEpochMilli(issuedAt.toEpochMilli());
        expiresAt = Instant.ofEpochMilli(expiresAt.toEpochMilli());
    }

    /**
     * Whether a request for {@code path} in {@code volume} is inside this grant: the same volume, and the
     * path equal to the prefix or below it, name by name ({@code data/a} does not cover {@code data/ab}).
     */
    public boolean covers(String volume, RelativePath path) {
        return sourceVolume.equals(volume) && path.startsWith(sourcePrefix);
    }

    /** @throws GrantRefusedException ({@link GrantRefusedException.Reason#OUTSIDE_GRANT}) unless covered */
    public void requireCovers(String volume, RelativePath path) {
        if (!covers(volume, path)) {
            throw new GrantRefusedException(
                    GrantRefusedException.Reason.OUTSIDE_GRANT,
                    "the grant for job " + jobId + " covers " + sourceVolume + ":" + display(sourcePrefix) + ", not "
                            + volume + ":" + display(path),
                    this);
        }
    }

    private static String display(RelativePath path) {
        return path.isRoot() ? "/" : path.toString();
    }
}
