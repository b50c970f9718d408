package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;

/**
 * Walks a dataset directory in manifest order, applying the include/exclude filter: the one walk behind
 * both a manifest ({@link ManifestBuilder}) and a survey that only counts ({@link DatasetSurveyor}).
 *
 * <p>Order without a global sort: siblings are sorted by name, with directories compared as
 * {@code name + "/"}; a depth-first walk in that order visits full paths in byte order (the trick
 * git uses for trees). Memory is bounded by the widest directory, not the number of files.
 *
 * <p>Symlinks are reported as links and never followed. Special files and names that cannot be carried
 * safely are reported as skipped.
 */
public final class DatasetWalker {

    /** Receives the entries of one walk, in manifest order. */
    public interface Visitor {
        /** A directory that passed the filter; it is walked right after this returns. */
        void directory(Path directory, RelativePath path, FileStat stat) throws IOException, InterruptedException;

        void symlink(Path link, RelativePath path, FileStat stat) throws IOException, InterruptedException;

        /** A regular file that passed the exclude and include lists. */
        void file(Path file, RelativePath path, FileStat stat) throws IOException, InterruptedException;

        /** An entry that no manifest can list, and why. */
        void skipped(String path, String reason);
    }

    private final PathFilter filter;

    public DatasetWalker(PathFilter filter) {
        this.filter = filter;
    }

    /**
     * @param datasetRoot an existing directory, already confined to its volume by the caller
     * @return what {@code lstat} says about the root, read before the walk
     * @throws IOException if the root is not a directory or cannot be read
     * @throws InterruptedException if the thread is interrupted (checked once per directory)
     */
    public FileStat walk(Path datasetRoot, Visitor visitor) throws IOException, InterruptedException {
        FileStat rootStat = FileStat.of(datasetRoot);
        if (rootStat.type() != EntryType.DIRECTORY) {
            throw new IOException("dataset root " + datasetRoot + " is not a directory");
        }
        directory(datasetRoot, RelativePath.ROOT, visitor);
        return rootStat;
    }

    private record Child(Path path, String name, FileStat stat, byte[] sortKey) {}

    private void directory(Path dir, RelativePath relative, Visitor visitor) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("walk of " + dir + " interrupted");
        }
        for (Child child : sortedChildren(dir, visitor)) {
            RelativePath path;
            try {
                path = relative.resolve(child.name());
            } catch (PathRejectedException e) {
                visitor.skipped(relative.isRoot() ? child.name() : relative + "/" + child.name(), e.getMessage());
                continue;
            }
            if (filter.excludes(path)) {
                continue;
            }
            FileStat stat = child.stat();
            if (stat.type() == null) {
                visitor.skipped(path.toString(), "not a regular file, directory or symlink");
            } else if (stat.type() == EntryType.DIRECTORY) {
                visitor.directory(child.path(), path, stat);
                directory(child.path(), path, visitor);
            } else if (stat.type() == EntryType.SYMLINK) {
                visitor.symlink(child.path(), path, stat);
            } else if (filter.includesFile(path)) {
                visitor.file(child.path(), path, stat);
            }
        }
    }

    private static List<Child> sortedChildren(Path dir, Visitor visitor) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.indexOf('\uFFFD') >= 0) {
                    visitor.skipped(name, "name is not valid UTF-8");
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
