package io.meshlift.core.path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The per-component rules shared by the path walk of {@link VolumeRoot} and the descriptor walk of {@link
 * SecureDirectoryOpener}, and the exceptions they raise. {@code path} is always the whole requested path and
 * {@code prefix} the part of it up to the component being checked, so that every message names both.
 */
final class ComponentChecks {

    private final String volume;

    ComponentChecks(String volume) {
        this.volume = volume;
    }

    /** {@code dir.resolve(segment)}, refusing names that the JVM's file-name encoding cannot represent exactly. */
    Path child(Path dir, String segment, RelativePath path, RelativePath prefix) {
        try {
            Path next = dir.resolve(segment);
            // A non-UTF-8 sun.jnu.encoding (e.g. an agent started with LANG=C on JDK 17) would change the bytes
            // of non-ASCII names or fail; refuse rather than touch a different file.
            if (next.getFileName().toString().equals(segment)) {
                return next;
            }
        } catch (InvalidPathException e) {
            // refused below
        }
        throw rejected(
                path,
                prefix,
                "cannot be represented in the JVM's file-name encoding (" + System.getProperty("sun.jnu.encoding")
                        + "); run the agent with a UTF-8 locale");
    }

    /** Passes for a directory that is not a symbolic link; {@code attrs} is null when the entry is missing. */
    void requireDirectory(BasicFileAttributes attrs, RelativePath path, RelativePath prefix) {
        if (attrs == null) {
            throw notFound(path, prefix);
        }
        if (attrs.isSymbolicLink()) {
            throw new PathEscapeException(
                    volume,
                    path.toString(),
                    prefix.toString(),
                    "is a symbolic link; links below a volume root are never followed, not even links that point"
                            + " inside the volume");
        }
        if (!attrs.isDirectory()) {
            throw rejected(path, prefix, "is a " + kind(attrs) + ", not a directory");
        }
    }

    /** Passes for a regular file that is not a symbolic link; {@code attrs} is null when the entry is missing. */
    void requireRegularFile(BasicFileAttributes attrs, RelativePath path, RelativePath prefix) {
        if (attrs == null) {
            throw notFound(path, prefix);
        }
        if (attrs.isSymbolicLink()) {
            throw new PathEscapeException(
                    volume,
                    path.toString(),
                    prefix.toString(),
                    "is a symbolic link; links are transferred as links and never opened or followed");
        }
        if (!attrs.isRegularFile()) {
            throw rejected(path, prefix, "is a " + kind(attrs) + ", not a regular file");
        }
    }

    PathEscapeException escape(RelativePath path, RelativePath prefix, String reason) {
        return new PathEscapeException(volume, path.toString(), prefix.toString(), reason);
    }

    PathRejectedException rejected(RelativePath path, RelativePath prefix, String reason) {
        return new PathRejectedException(volume, path.toString(), prefix.toString(), reason);
    }

    PathNotFoundException notFound(RelativePath path, RelativePath prefix) {
        return new PathNotFoundException(volume, path, prefix.toString());
    }

    UncheckedIOException ioFailure(RelativePath path, RelativePath prefix, String what, IOException cause) {
        // The cause's message usually holds the absolute host path: keep it in the chain, out of our message.
        return new UncheckedIOException(
                what + " " + SafeText.quote(prefix.toString()) + " of path " + SafeText.quote(path.toString())
                        + " in volume '" + volume + "' (" + cause.getClass().getSimpleName() + ")",
                cause);
    }

    private static String kind(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "symbolic link";
        }
        if (attrs.isDirectory()) {
            return "directory";
        }
        return attrs.isRegularFile() ? "regular file" : "special file (FIFO, socket or device)";
    }
}
