package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.FileDigests;
import io.meshlift.core.manifest.FileHasher;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.HashCache;

/** Local filesystem operations of the destination: digests through the cache, metadata, fsync. */
final class LocalFiles {

    private final HashCache cache;

    LocalFiles(HashCache cache) {
        this.cache = cache;
    }

    /** Digests of an existing regular file, from the cache when the file has not changed. */
    Optional<FileDigests> digestsOf(Path file, ChunkLayout layout) throws IOException {
        FileStat stat = stat(file).orElse(null);
        if (stat == null || stat.type() != EntryType.FILE) {
            return Optional.empty();
        }
        HashCache.FileKey key = key(file, stat, layout);
        Optional<FileDigests> cached = cache.lookup(key);
        if (cached.isPresent()) {
            return cached;
        }
        FileDigests digests;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            digests = new FileHasher(layout).hash(channel, stat.size(), file.toString());
        }
        cache.store(key, digests);
        return Optional.of(digests);
    }

    /** Records the digests of a file just written and verified, so the next pass needs no re-read. */
    void remember(Path file, ChunkLayout layout, FileDigests digests) throws IOException {
        FileStat stat = FileStat.of(file);
        cache.store(key(file, stat, layout), digests);
    }

    static Optional<FileStat> stat(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(FileStat.of(path));
    }

    private static HashCache.FileKey key(Path file, FileStat stat, ChunkLayout layout) {
        return new HashCache.FileKey(
                file.toAbsolutePath().toString(),
                stat.size(),
                stat.mtimeNanos(),
                stat.ctimeNanos(),
                stat.inode(),
                layout.chunkSize());
    }

    static void setMode(Path path, int mode) throws IOException {
        Files.setPosixFilePermissions(path, permissions(mode));
    }

    /** Sets mtime without following a symlink (lutimes), so links keep their own time. */
    static void setMtime(Path path, long mtimeNanos) throws IOException {
        FileTime time = FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, null, null);
    }

    /** Makes a rename or a new entry in {@code directory} durable. */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
