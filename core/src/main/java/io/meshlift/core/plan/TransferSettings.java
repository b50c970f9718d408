package io.meshlift.core.plan;

import java.util.Objects;

import io.meshlift.core.manifest.ChunkLayout;

/**
 * The fully resolved settings of a transfer: what {@code spec.defaults} says on top of {@link #BUILT_IN}, and
 * for a dataset, its own overrides on top of that (see {@link SettingsOverrides#applyTo(TransferSettings)}).
 *
 * <p>A transfer is one dataset copied to one destination.
 *
 * @param verify how each assembled file is verified before it is renamed into place
 * @param chunkSize manifest chunk size in bytes, within {@link ChunkLayout}'s bounds
 * @param bandwidthLimit cap on what each destination of the dataset receives
 * @param concurrency chunk requests each destination keeps in flight, {@value #MIN_CONCURRENCY}..{@value
 *     #MAX_CONCURRENCY}
 * @param retries how often a failed transfer is retried (with backoff) before it is marked failed, {@value
 *     #MIN_RETRIES}..{@value #MAX_RETRIES}
 * @param deleteExtraneous whether destination files the source no longer has are deleted (each deletion is
 *     audited); off by default because it is the one setting that removes data
 * @param swarm whether destinations may fetch verified chunks from each other, not only from the source
 */
public record TransferSettings(
        VerifyMode verify,
        int chunkSize,
        BandwidthLimit bandwidthLimit,
        int concurrency,
        int retries,
        boolean deleteExtraneous,
        boolean swarm) {

    public static final int MIN_CONCURRENCY = 1;
    public static final int MAX_CONCURRENCY = 256;
    public static final int MIN_RETRIES = 0;
    public static final int MAX_RETRIES = 100;

    /** What a plan gets for every setting it does not name. */
    public static final TransferSettings BUILT_IN = new TransferSettings(
            VerifyMode.FULL, ChunkLayout.DEFAULT_CHUNK_SIZE, BandwidthLimit.UNLIMITED, 4, 3, false, true);

    /**
     * @throws IllegalArgumentException if a number is out of its documented range
     * @throws NullPointerException if {@code verify} or {@code bandwidthLimit} is null
     */
    public TransferSettings {
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(bandwidthLimit, "bandwidthLimit");
        new ChunkLayout(chunkSize); // throws with the bounds in the message
        requireRange("concurrency", concurrency, MIN_CONCURRENCY, MAX_CONCURRENCY);
        requireRange("retries", retries, MIN_RETRIES, MAX_RETRIES);
    }

    /** The chunking this dataset's manifest uses. */
    public ChunkLayout chunkLayout() {
        return new ChunkLayout(chunkSize);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
