package io.meshlift.agent.transfer;

import java.util.List;
import java.util.Objects;

import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.path.RelativePath;

/**
 * Copy a dataset from a source peer into one of this agent's volumes.
 *
 * @param id unique id of this pull; a pull restarted with the same id resumes
 * @param bandwidthLimit bytes per second this pull may receive; 0 means no per-pull cap
 * @param deleteExtraneous after a fully verified pull, remove destination entries the source does not
 *     list (outside the filters' exclusions)
 * @param concurrency chunk requests to keep in flight (the plan's {@code concurrency}), 1..{@value
 *     #MAX_CONCURRENCY}; 0 for the agent's own cap, which also bounds any value asked ({@link ChunkConcurrency})
 */
public record PullRequest(
        String id,
        PeerEndpoint source,
        String sourceVolume,
        RelativePath sourcePath,
        String volume,
        RelativePath path,
        ChunkLayout layout,
        VerifyMode verify,
        List<String> include,
        List<String> exclude,
        long bandwidthLimit,
        boolean deleteExtraneous,
        int concurrency) {

    /** The plan format's upper bound (core TransferSettings.MAX_CONCURRENCY). */
    public static final int MAX_CONCURRENCY = io.meshlift.core.plan.TransferSettings.MAX_CONCURRENCY;

    public PullRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceVolume, "sourceVolume");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(verify, "verify");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("pull id '" + id + "' must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (concurrency < 0 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY
                    + " (or 0 for the agent's own), got " + concurrency);
        }
        if (bandwidthLimit < 0) {
            throw new IllegalArgumentException("bandwidth limit cannot be negative");
        }
    }
}
