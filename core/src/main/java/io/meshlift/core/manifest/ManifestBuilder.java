package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.meshlift.core.path.RelativePath;

/**
 * Walks a dataset directory ({@link DatasetWalker}) and emits its manifest, entry by entry, in path-byte
 * order, hashing every file.
 *
 * <p>Symlinks are listed as links and never followed. Special files, names that cannot be carried
 * safely and files that keep changing while they are read are skipped and reported in the summary.
 */
public final class ManifestBuilder {

    private static final int HASH_ATTEMPTS = 3;

    private final ChunkLayout layout;
    private final HashCache cache;
    private final PathFilter filter;
    private final FileHasher hasher;

    public ManifestBuilder(ChunkLayout layout, HashCache cache, PathFilter filter) {
        this.layout = layout;
        this.cache = cache;
        this.filter = filter;
        this.hasher = new FileHasher(layout);
    }

    /**
     * @param datasetRoot an existing directory, already confined to its volume by the caller
     */
    public ManifestSummary build(Path datasetRoot, ManifestSink sink) throws IOException, InterruptedException {
        Walk walk = new Walk(sink);
        FileStat rootStat = new DatasetWalker(filter).walk(datasetRoot, walk);
        return walk.summary(rootStat);
    }

    private final class Walk implements DatasetWalker.Visitor {
        private final ManifestSink sink;
        private final DatasetDigest datasetDigest = new DatasetDigest();
        private final List<String> skipped = new ArrayList<>();
        private long skippedCount;
        private long bytes;
        private long entries;

        Walk(ManifestSink sink) {
            this.sink = sink;
        }

        @Override
        public void directory(Path dir, RelativePath path, FileStat stat) throws InterruptedException {
            emit(ManifestEntry.directory(path, stat.mode(), stat.mtimeNanos()));
        }

        @Override
        public void symlink(Path link, RelativePath path, FileStat stat) throws IOException, InterruptedException {
            String target = Files.readSymbolicLink(link).toString();
            emit(ManifestEntry.symlink(path, stat.mtimeNanos(), target));
        }

        @Override
        public void file(Path file, RelativePath path, FileStat stat) throws IOException, InterruptedException {
            FileStat current = stat;
            for (int attempt = 1; attempt <= HASH_ATTEMPTS; attempt++) {
                try {
                    FileDigests digests = digests(file, current);
                    emit(ManifestEntry.file(
                            path,
                            current.mode(),
                            current.mtimeNanos(),
                            current.size(),
                            digests.chunkDigests(),
                            digests.fileDigest()));
                    datasetDigest.add(path, digests.fileDigest());
                    bytes += current.size();
                    return;
                } catch (FileChangedException e) {
                    current = FileStat.of(file);
                    if (current.type() != EntryType.FILE) {
                        break;
                    }
                }
            }
            skipped(path.toString(), "kept changing while it was read (" + HASH_ATTEMPTS + " attempts)");
        }

        private FileDigests digests(Path file, FileStat stat) throws IOException {
            HashCache.FileKey key = new HashCache.FileKey(
                    file.toAbsolutePath().toString(),
                    stat.size(),
                    stat.mtimeNanos(),
                    stat.ctimeNanos(),
                    stat.inode(),
                    layout.chunkSize());
            var cached = cache.lookup(key);
            if (cached.isPresent()) {
                return cached.get();
            }
            FileDigests digests;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                digests = hasher.hash(channel, stat.size(), file.toString());
            }
            FileStat after = FileStat.of(file);
            if (!after.sameSizeAndMtime(stat) || after.inode() != stat.inode()) {
                throw new FileChangedException(file.toString(), "changed while it was hashed");
            }
            cache.store(key, digests);
            return digests;
        }

        private void emit(ManifestEntry entry) throws InterruptedException {
            entries++;
            sink.accept(entry);
        }

        @Override
        public void skipped(String path, String reason) {
            skippedCount++;
            if (skipped.size() < ManifestSummary.MAX_SKIPPED_LISTED) {
                skipped.add(path + ": " + reason);
            }
        }

        ManifestSummary summary(FileStat root) {
            return new ManifestSummary(
                    datasetDigest.finish(),
                    datasetDigest.files(),
                    bytes,
                    entries,
                    skipped,
                    skippedCount,
                    root.mode(),
                    root.mtimeNanos());
        }
    }
}
