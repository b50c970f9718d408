package io.meshlift.core.manifest;

import java.util.List;

/**
 * Totals of a finished manifest.
 *
 * @param datasetDigest see {@link DatasetDigest}
 * @param skipped entries that were not listed and why (special files, names that cannot be carried
 *     safely); bounded, see {@link #MAX_SKIPPED_LISTED}
 * @param skippedCount how many entries were skipped in all
 * @param rootMode permission bits of the dataset root directory
 * @param rootMtimeNanos mtime of the dataset root directory, read before the walk
 */
public record ManifestSummary(
        byte[] datasetDigest,
        long files,
        long bytes,
        long entries,
        List<String> skipped,
        long skippedCount,
        int rootMode,
        long rootMtimeNanos) {

    /** At most this many skipped entries are named; the count covers the rest. */
    public static final int MAX_SKIPPED_LISTED = 100;

    public ManifestSummary {
        skipped = List.copyOf(skipped);
    }
}
