package io.meshlift.core.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces files atomically: content goes to a temporary file in the target directory, is flushed to
 * disk, gets its final permissions, and is then renamed over the target. Readers (including the
 * reloading managers) see either the old or the new file, never a torn one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code file}; {@code secret} files get 0600, others 0644 (POSIX only;
     * elsewhere the file system's defaults apply).
     *
     * @throws PemFileException naming the file if it cannot be written
     */
    public static void write(Path file, byte[] content, boolean secret) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // On POSIX createTempFile creates the file 0600, so a key is never readable by others,
            // not even between creation and the chmod below.
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new PemFileException(file.toString(), "cannot write file (" + e + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write error above is what the caller needs to see
                }
            }
        }
    }
}
