package io.meshlift.cli.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.manifest.ManifestBuilder;
import io.meshlift.core.manifest.ManifestSummary;
import io.meshlift.core.manifest.PathFilter;

/**
 * Re-hashes a local directory with the agents' own code (core's {@link ManifestBuilder}: same walk, same
 * SHA-256, same dataset digest) and compares every regular file with the audit of one destination.
 *
 * <p>A local file passes only when its SHA-256 equals the audited source digest <em>and</em> the audited
 * destination digest: a file the audit already recorded as a mismatch stays a difference here, whatever the
 * disk holds now. Directories and symlinks are not audited and not compared. Memory grows with the number
 * of audited files (one entry per path).
 */
final class TreeVerification {

    /** What differs. */
    enum Kind {
        /** Present here and audited, but the content differs from the audit. */
        MISMATCH,
        /** Audited but not here (or not a regular file). */
        MISSING,
        /** Here but not in the audit. */
        EXTRA
    }

    /**
     * @param expected the audited source digest (null for EXTRA)
     * @param actual this directory's digest (null for MISSING)
     */
    record Difference(Kind kind, String path, String expected, String actual) {}

    /**
     * @param files regular files hashed here
     * @param datasetDigest this directory's dataset digest (SHA-256 of its sorted sha256sum lines)
     * @param skipped entries the walk could not carry (special files, names that are not UTF-8)
     */
    record Result(long files, long bytes, String datasetDigest, List<Difference> differences, List<String> skipped) {

        boolean clean() {
            return differences.isEmpty();
        }

        long count(Kind kind) {
            return differences.stream().filter(d -> d.kind() == kind).count();
        }
    }

    private TreeVerification() {}

    static Result verify(Path dir, Map<String, AuditedFile> audited) throws IOException, InterruptedException {
        Map<String, AuditedFile> unseen = new TreeMap<>(audited);
        List<Difference> differences = new ArrayList<>();
        ManifestSummary summary;
        try (HashCache cache = HashCache.NONE) {
            summary = new ManifestBuilder(ChunkLayout.DEFAULT, cache, PathFilter.ALL).build(dir, entry -> {
                if (!entry.isFile()) {
                    return;
                }
                String path = entry.path().toString();
                String actual = Sha256.hex(entry.fileDigest());
                AuditedFile expected = unseen.remove(path);
                if (expected == null) {
                    differences.add(new Difference(Kind.EXTRA, path, null, actual));
                } else if (!actual.equals(expected.sourceSha256()) || !actual.equals(expected.destinationSha256())) {
                    differences.add(new Difference(Kind.MISMATCH, path, expected.sourceSha256(), actual));
                }
            });
        }
        unseen.values()
                .forEach(missing ->
                        differences.add(new Difference(Kind.MISSING, missing.path(), missing.sourceSha256(), null)));
        differences.sort((a, b) -> a.path().compareTo(b.path()));
        return new Result(
                summary.files(),
                summary.bytes(),
                Sha256.hex(summary.datasetDigest()),
                Collections.unmodifiableList(differences),
                summary.skipped());
    }
}
