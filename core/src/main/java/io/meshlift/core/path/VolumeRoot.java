package io.meshlift.core.path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named volume: a root directory below which an agent reads and writes, and outside of which it never does.
 *
 * <p>Every operation takes a {@link RelativePath} (so {@code ..}, absolute paths, NUL and the like were already
 * refused) and walks it one component at a time with {@link LinkOption#NOFOLLOW_LINKS}. A component below the
 * root that is a symbolic link is refused with {@link PathEscapeException}, even when the link points back
 * inside the volume; an intermediate component that is not a directory is refused with {@link
 * PathRejectedException}. The root itself is resolved once, by {@link #open}, to its real path: it is operator
 * configuration and may itself be reached through links.
 *
 * <p><b>Residual race (TOCTOU).</b> A local user with write access to the volume can swap a checked parent
 * directory for a symbolic link between the check and the use of a path. What is done about it:
 *
 * <ul>
 *   <li>{@link #openForRead} walks with directory file descriptors ({@code openat} via {@link
 *       java.nio.file.SecureDirectoryStream}) and opens every component with {@code O_NOFOLLOW}, so a swapped
 *       component fails the open instead of being followed: no race remains for the escape. Where the platform
 *       lacks {@code SecureDirectoryStream} it falls back to a path walk, opens the final component with {@code
 *       O_NOFOLLOW} and then re-checks that the parent's real path is still the expected one below the root,
 *       closing the channel and failing if not. That fallback narrows the window but cannot close it.
 *   <li>{@link #resolveExisting}, {@link #resolveIfPresent} and {@link #resolveForWrite} return a {@link Path};
 *       whatever the caller does with it later is racy by nature. {@link #resolveForWrite} re-checks the real
 *       path of the target's parent after creating directories, so a swap during creation is detected, but a
 *       directory created through a swapped link may already exist outside the volume. Callers must write to a
 *       new temporary file beside the target (opened with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}) and
 *       rename it, never open the returned target itself for writing.
 *   <li>Between the type check and the open in {@link #openForRead}, a regular file can be swapped for a FIFO,
 *       and opening a FIFO blocks until a writer appears (a denial of service, not an escape; the JDK offers no
 *       {@code O_NONBLOCK}).
 * </ul>
 *
 * <p>Out of scope: hard links (a hard link is the file itself; Linux {@code fs.protected_hardlinks} stops users
 * from linking files they do not own) and mount points below the root (only an administrator can create them).
 *
 * <p>Instances are immutable and thread-safe. Exception messages never contain absolute host paths.
 */
public final class VolumeRoot {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** What a volume name may be: it appears in plans, configuration keys and messages. */
    public static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    private final String name;
    private final Path root;
    private final ComponentChecks checks;

    private VolumeRoot(String name, Path root) {
        this.name = name;
        this.root = root;
        this.checks = new ComponentChecks(name);
    }

    /**
     * Opens a volume.
     *
     * @param name 1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit
     * @param root an existing directory; its real path (links resolved) is stored
     * @throws IllegalArgumentException if the name is invalid or the root does not exist or is not a directory
     * @throws UncheckedIOException if the root cannot be inspected
     */
    public static VolumeRoot open(String name, Path root) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid volume name " + SafeText.quote(name)
                    + ": use 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit");
        }
        Path real;
        try {
            real = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("volume '" + name + "': root " + root + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("volume '" + name + "': cannot resolve root " + root, e);
        }
        if (!Files.isDirectory(real, NOFOLLOW)) {
            throw new IllegalArgumentException("volume '" + name + "': root " + root + " is not a directory");
        }
        return new VolumeRoot(name, real);
    }

    /** The volume's name, as used in plans. */
    public String name() {
        return name;
    }

    /** The real path of the root directory. */
    public Path root() {
        return root;
    }

    ComponentChecks checks() {
        return checks;
    }

    /**
     * Resolves a path that must exist. The last component may be of any type; a symbolic link is returned as
     * the link itself, never its target.
     *
     * @throws PathEscapeException if a component below the root is a symbolic link (except the last)
     * @throws PathRejectedException if an intermediate component is not a directory
     * @throws PathNotFoundException if a component does not exist
     */
    public Path resolveExisting(RelativePath path) {
        return walk(path, Mode.EXISTING);
    }

    /** Like {@link #resolveExisting}, but empty instead of {@link PathNotFoundException}. */
    public Optional<Path> resolveIfPresent(RelativePath path) {
        return Optional.ofNullable(walk(path, Mode.IF_PRESENT));
    }

    /**
     * Resolves a path to be written, creating missing parent directories one at a time (never through a
     * symbolic link). The target itself is neither created nor checked: it may be missing, a file, a directory
     * or a symbolic link, and the caller decides. See the class comment for how to write it safely.
     *
     * @throws PathEscapeException if a parent is a symbolic link, or the parent's real path is not the expected
     *     one after creation
     * @throws PathRejectedException if a parent exists and is not a directory
     * @throws UncheckedIOException if a directory cannot be created
     */
    public Path resolveForWrite(RelativePath path) {
        Path target = walk(path, Mode.FOR_WRITE);
        if (!path.isRoot()) {
            verifyRealPath(target.getParent(), path, path.parent());
        }
        return target;
    }

    /**
     * Opens a regular file for reading without following any symbolic link below the root, including the
     * final component (see the class comment for how races are handled).
     *
     * @throws PathEscapeException if any component is a symbolic link, including the file itself
     * @throws PathRejectedException if the path is the root, a parent is not a directory, or the file is not a
     *     regular file
     * @throws PathNotFoundException if a component does not exist
     * @throws UncheckedIOException if opening fails for another reason
     */
    public FileChannel openForRead(RelativePath path) {
        if (path.isRoot()) {
            throw checks.rejected(path, path, "is the volume root, a directory; name a file below it");
        }
        return SecureDirectoryOpener.open(this, path).orElseGet(() -> openForReadByPath(path));
    }

    /** The fallback of {@link #openForRead} for platforms without {@code SecureDirectoryStream}. */
    FileChannel openForReadByPath(RelativePath path) {
        Path file = walk(path, Mode.EXISTING);
        checks.requireRegularFile(statNoFollow(file, path, path), path, path);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW);
        } catch (IOException e) {
            throw checks.ioFailure(path, path, "cannot open", e);
        }
        try {
            verifyRealPath(file.getParent(), path, path.parent());
            return channel;
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** Fails unless {@code dir} (the lexical location of {@code prefix} below the root) is its own real path. */
    void verifyRealPath(Path dir, RelativePath path, RelativePath prefix) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw checks.ioFailure(path, prefix, "cannot re-check the real path of", e);
        }
        if (!real.equals(dir)) {
            throw checks.escape(
                    path,
                    prefix,
                    "does not resolve to its location below the volume root; a directory on the path was replaced"
                            + " by a symbolic link while it was in use");
        }
    }

    private enum Mode {
        EXISTING,
        IF_PRESENT,
        FOR_WRITE
    }

    /** Returns the lexical target below the root, or null in IF_PRESENT mode when a component is missing. */
    private Path walk(RelativePath path, Mode mode) {
        List<String> segments = path.segments();
        Path current = root;
        RelativePath prefix = RelativePath.ROOT;
        for (int i = 0; i < segments.size(); i++) {
            prefix = prefix.resolve(segments.get(i));
            Path next = checks.child(current, segments.get(i), path, prefix);
            BasicFileAttributes attrs = statNoFollow(next, path, prefix);
            boolean last = i == segments.size() - 1;
            if (attrs == null && mode != Mode.FOR_WRITE) {
                if (mode == Mode.IF_PRESENT) {
                    return null;
                }
                throw checks.notFound(path, prefix);
            }
            if (last) {
                return next;
            }
            if (attrs == null) {
                attrs = createDirectory(next, path, prefix);
            }
            checks.requireDirectory(attrs, path, prefix);
            current = next;
        }
        return root;
    }

    private BasicFileAttributes createDirectory(Path dir, RelativePath path, RelativePath prefix) {
        try {
            // mkdir(2) never follows a link in its last component; the parents were checked by the walk.
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // Created concurrently (by another writer, or by an attacker as a link): re-inspect below.
        } catch (IOException e) {
            throw checks.ioFailure(path, prefix, "cannot create directory", e);
        }
        BasicFileAttributes attrs = statNoFollow(dir, path, prefix);
        if (attrs == null) {
            throw checks.notFound(path, prefix); // removed again concurrently
        }
        return attrs;
    }

    /** lstat(2), or null if the entry does not exist. */
    private BasicFileAttributes statNoFollow(Path file, RelativePath path, RelativePath prefix) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw checks.ioFailure(path, prefix, "cannot inspect", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable primary) {
        try {
            closeable.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "VolumeRoot[" + name + "]";
    }
}
