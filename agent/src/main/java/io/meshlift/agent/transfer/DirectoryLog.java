package io.meshlift.agent.transfer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directory metadata to apply once all files are in place (writing into a directory changes its
 * mtime). Spooled to disk so memory does not grow with the number of directories. Applying in
 * manifest order is correct: changing a child directory's attributes leaves its parent's mtime alone.
 */
final class DirectoryLog implements AutoCloseable {

    interface Applier {
        void apply(String path, int mode, long mtimeNanos) throws IOException;
    }

    private final Path file;
    private final DataOutputStream out;

    DirectoryLog(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    void add(String path, int mode, long mtimeNanos) throws IOException {
        out.writeUTF(path);
        out.writeInt(mode);
        out.writeLong(mtimeNanos);
    }

    void applyAll(Applier applier) throws IOException {
        out.flush();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String path;
                try {
                    path = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                applier.apply(path, in.readInt(), in.readLong());
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }
}
