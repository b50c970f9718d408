package io.meshlift.core.path;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a file below a volume root by walking directory file descriptors: each step is {@code
 * openat(parent_fd, name, O_NOFOLLOW)} through {@link SecureDirectoryStream}, so a directory swapped for a
 * symbolic link after it was checked makes the open fail instead of leading outside the volume. This is the
 * race-free path of {@link VolumeRoot#openForRead}.
 */
final class SecureDirectoryOpener {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private SecureDirectoryOpener() {}

    /**
     * Opens {@code path} (not the root) for reading, or returns empty when the platform offers no {@link
     * SecureDirectoryStream} or its channels are not {@link FileChannel}s, in which case the caller falls back.
     */
    static Optional<FileChannel> open(VolumeRoot volume, RelativePath path) {
        ComponentChecks checks = volume.checks();
        DirectoryStream<Path> rootStream;
        try {
            rootStream = Files.newDirectoryStream(volume.root());
        } catch (IOException e) {
            throw checks.ioFailure(path, RelativePath.ROOT, "cannot open volume root for", e);
        }
        if (!(rootStream instanceof SecureDirectoryStream<Path> secureRoot)) {
            closeSilently(rootStream);
            return Optional.empty();
        }
        SecureDirectoryStream<Path> dir = secureRoot;
        try {
            List<String> segments = path.segments();
            RelativePath prefix = RelativePath.ROOT;
            Path current = volume.root();
            for (int i = 0; i < segments.size() - 1; i++) {
                prefix = prefix.resolve(segments.get(i));
                current = checks.child(current, segments.get(i), path, prefix);
                Path name = current.getFileName();
                checks.requireDirectory(stat(checks, dir, name, path, prefix), path, prefix);
                SecureDirectoryStream<Path> child;
                try {
                    child = dir.newDirectoryStream(name, NOFOLLOW);
                } catch (IOException e) {
                    checks.requireDirectory(stat(checks, dir, name, path, prefix), path, prefix);
                    throw checks.ioFailure(path, prefix, "cannot open directory", e);
                }
                SecureDirectoryStream<Path> parent = dir;
                dir = child;
                closeSilently(parent);
            }
            prefix = path;
            Path name = checks.child(current, path.fileName(), path, prefix).getFileName();
            checks.requireRegularFile(stat(checks, dir, name, path, prefix), path, prefix);
            SeekableByteChannel channel;
            try {
                channel = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, NOFOLLOW));
            } catch (IOException e) {
                // Most likely swapped for a link since the check (ELOOP): report what is there now.
                checks.requireRegularFile(stat(checks, dir, name, path, prefix), path, prefix);
                throw checks.ioFailure(path, prefix, "cannot open", e);
            }
            if (channel instanceof FileChannel fileChannel) {
                return Optional.of(fileChannel);
            }
            closeSilently(channel);
            return Optional.empty();
        } finally {
            closeSilently(dir);
        }
    }

    /** For read-only descriptors, where a failing close cannot lose data and must not mask the result. */
    private static void closeSilently(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing was written through this descriptor
        }
    }

    /** {@code fstatat(dir_fd, name, AT_SYMLINK_NOFOLLOW)}, or null if the entry does not exist. */
    private static BasicFileAttributes stat(
            ComponentChecks checks,
            SecureDirectoryStream<Path> dir,
            Path name,
            RelativePath path,
            RelativePath prefix) {
        try {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw checks.ioFailure(path, prefix, "cannot inspect", e);
        }
    }
}
