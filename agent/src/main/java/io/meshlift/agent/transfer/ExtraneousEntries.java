package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.PartialFiles;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.RelativePath;

/**
 * Removes what the destination has and the source no longer lists (rsync's {@code --delete}), after a
 * pull that verified everything. What the plan's filters leave out is never extraneous: an excluded
 * file at the destination is not the source's to remove, as with rsync. Links are removed as links and
 * never followed; a directory goes only when the source lacks it and nothing kept is left in it.
 */
public final class ExtraneousEntries {

    /** One removed entry, as reported to the coordinator's audit. */
    public record Deleted(String path, EntryType type, long size) {}

    /** Told of each removal right after it happened. */
    interface Sink {
        void deleted(Deleted entry) throws IOException;
    }

    private final Path root;
    private final ManifestPaths listed;
    private final PathFilter filter;
    private final Sink onDeleted;

    ExtraneousEntries(Path root, ManifestPaths listed, PathFilter filter, Sink onDeleted) {
        this.root = root;
        this.listed = listed;
        this.filter = filter;
        this.onDeleted = onDeleted;
    }

    /** @return how many entries were removed */
    long delete() throws IOException {
        Remover remover = new Remover();
        Files.walkFileTree(root, remover);
        return remover.deleted;
    }

    private final class Remover extends SimpleFileVisitor<Path> {

        private final Deque<Boolean> keptInDirectory = new ArrayDeque<>();
        private long deleted;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)) {
                RelativePath path = relative(dir);
                if (filter.excludes(path) || PartialFiles.isPartialName(path.fileName())) {
                    markKept();
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            keptInDirectory.push(false);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            RelativePath path = relative(file);
            if (listed.contains(path) || isProtected(path)) {
                markKept();
                return FileVisitResult.CONTINUE;
            }
            EntryType type = attrs.isSymbolicLink() ? EntryType.SYMLINK : EntryType.FILE;
            long size = attrs.isRegularFile() ? attrs.size() : 0;
            Files.delete(file);
            removed(new Deleted(path.toString(), type, size));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
            if (failure != null) {
                throw failure;
            }
            boolean kept = keptInDirectory.pop();
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            RelativePath path = relative(dir);
            if (kept || listed.contains(path)) {
                markKept();
            } else {
                Files.delete(dir);
                removed(new Deleted(path.toString(), EntryType.DIRECTORY, 0));
            }
            return FileVisitResult.CONTINUE;
        }

        /** Outside the filters' selection, or a partial file of a transfer: not the source's to judge. */
        private boolean isProtected(RelativePath path) {
            return filter.excludes(path) || !filter.includesFile(path) || PartialFiles.isPartialName(path.fileName());
        }

        private void markKept() {
            if (!keptInDirectory.isEmpty()) {
                keptInDirectory.pop();
                keptInDirectory.push(true);
            }
        }

        private void removed(Deleted entry) throws IOException {
            deleted++;
            onDeleted.deleted(entry);
        }

        private RelativePath relative(Path path) {
            return RelativePath.parse(root.relativize(path).toString());
        }
    }
}
