package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.file.Path;

import io.meshlift.core.path.RelativePath;

/**
 * Counts what a manifest of a dataset would list, without reading any file's content: the answer to a dry
 * run. Walks exactly as {@link ManifestBuilder} does (same filter, same skips), so its counts equal the
 * manifest's, except for files that change while a manifest hashes them.
 */
public final class DatasetSurveyor {

    private final PathFilter filter;

    public DatasetSurveyor(PathFilter filter) {
        this.filter = filter;
    }

    /**
     * @param datasetRoot an existing directory, already confined to its volume by the caller
     * @throws IOException if the root is not a directory or a directory cannot be read
     * @throws InterruptedException if the thread is interrupted during the walk
     */
    public DatasetSurvey survey(Path datasetRoot) throws IOException, InterruptedException {
        Counts counts = new Counts();
        new DatasetWalker(filter).walk(datasetRoot, counts);
        return new DatasetSurvey(counts.files, counts.bytes, counts.directories, counts.symlinks, counts.skipped);
    }

    private static final class Counts implements DatasetWalker.Visitor {
        private long files;
        private long bytes;
        private long directories;
        private long symlinks;
        private long skipped;

        @Override
        public void directory(Path directory, RelativePath path, FileStat stat) {
            directories++;
        }

        @Override
        public void symlink(Path link, RelativePath path, FileStat stat) {
            symlinks++;
        }

        @Override
        public void file(Path file, RelativePath path, FileStat stat) {
            files++;
            bytes += stat.size();
        }

        @Override
        public void skipped(String path, String reason) {
            skipped++;
        }
    }
}
