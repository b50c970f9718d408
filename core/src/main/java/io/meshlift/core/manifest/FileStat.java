package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code lstat} says about a path; never follows a symlink.
 *
 * @param type null for special files (devices, sockets, FIFOs), which Meshlift never copies
 * @param mode POSIX permission bits only
 */
public record FileStat(EntryType type, int mode, long size, long mtimeNanos, long ctimeNanos, long inode) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int PERMISSION_BITS = 07777;

    public static FileStat of(Path path) throws IOException {
        Map<String, Object> attributes =
                Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
        int rawMode = (Integer) attributes.get("mode");
        EntryType type = switch (rawMode & S_IFMT) {
            case S_IFREG -> EntryType.FILE;
            case S_IFDIR -> EntryType.DIRECTORY;
            case S_IFLNK -> EntryType.SYMLINK;
            default -> null;
        };
        return new FileStat(
                type,
                rawMode & PERMISSION_BITS,
                type == EntryType.FILE ? (Long) attributes.get("size") : 0,
                nanos((FileTime) attributes.get("lastModifiedTime")),
                nanos((FileTime) attributes.get("ctime")),
                (Long) attributes.get("ino"));
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** Size and mtime equal: the cheap "did it change" test used while reading and serving. */
    public boolean sameSizeAndMtime(FileStat other) {
        return size == other.size && mtimeNanos == other.mtimeNanos;
    }
}
