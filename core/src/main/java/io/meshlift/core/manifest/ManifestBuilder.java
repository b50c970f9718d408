package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;

/**
 * Walks a dataset directory and emits its manifest, entry by entry, in path-byte order.
 *
 * <p>Order without a global sort: siblings are sorted by name, with directories compared as
 * {@code name + "/"}; a depth-first walk in that order visits full paths in byte order (the trick
 * git uses for trees). Memory is bounded by the widest directory, not the number of files.
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
        FileStat rootStat = FileStat.of(datasetRoot);
        if (rootStat.type() != EntryType.DIRECTORY) {
            throw new IOException("dataset root " + datasetRoot + " is not a directory");
        }
        Walk walk = new Walk(sink);
        walk.directory(datasetRoot, RelativePath.ROOT);
        return walk.summary(rootStat);
    }

    private record Child(Path path, String name, FileStat stat, byte[] sortKey) {}

    private final class Walk {
        private final ManifestSink sink;
        private final DatasetDigest datasetDigest = new DatasetDigest();
        private final List<String> skipped = new ArrayList<>();
        private long skippedCount;
        private long bytes;
        private long entries;

        Walk(ManifestSink sink) {
            this.sink = sink;
        }

        void directory(Path dir, RelativePath relative) throws IOException, InterruptedException {
            for (Child child : sortedChildren(dir)) {
                RelativePath path;
                try {
                    path = relative.resolve(child.name());
                } catch (PathRejectedException e) {
                    skip(relative.isRoot() ? child.name() : relative + "/" + child.name(), e.getMessage());
                    continue;
                }
                if (filter.excludes(path)) {
                    continue;
                }
                FileStat stat = child.stat();
                if (stat.type() == null) {
                    skip(path.toString(), "not a regular file, directory or symlink");
                } else if (stat.type() == EntryType.DIRECTORY) {
                    emit(ManifestEntry.directory(path, stat.mode(), stat.mtimeNanos()));
                    directory(child.path(), path);
                } else if (stat.type() == EntryType.SYMLINK) {
                    String target = Files.readSymbolicLink(child.path()).toString();
                    emit(ManifestEntry.symlink(path, stat.mtimeNanos(), target));
                } else if (filter.includesFile(path)) {
                    file(child.path(), path, stat);
                }
            }
        }

        private void file(Path file, RelativePath path, FileStat stat) throws IOException, InterruptedException {
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
            skip(path.toString(), "kept changing while it was read (" + HASH_ATTEMPTS + " attempts)");
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

        private void skip(String path, String reason) {
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

        private List<Child> sortedChildren(Path dir) throws IOException {
            List<Child> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path child : stream) {
                    String name = child.getFileName().toString();
                    if (name.indexOf('\uFFFD') >= 0) {
                        skip(name, "name is not valid UTF-8");
                        continue;
                    }
                    FileStat stat = FileStat.of(child);
                    String key = stat.type() == EntryType.DIRECTORY ? name + "/" : name;
                    children.add(new Child(child, name, stat, key.getBytes(StandardCharsets.UTF_8)));
                }
            }
            children.sort((a, b) -> Arrays.compareUnsigned(a.sortKey(), b.sortKey()));
            return children;
        }
    }
}
