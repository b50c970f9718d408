package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

import io.meshlift.core.digest.Sha256;

/**
 * Reads a file once and computes its chunk digests and whole-file digest together. Reads use a
 * fixed buffer, so memory does not depend on file or chunk size.
 */
public final class FileHasher {

    private static final int READ_BUFFER = 1024 * 1024;
    private static final int MIN_READ_BUFFER = 8 * 1024;

    private final ChunkLayout layout;

    public FileHasher(ChunkLayout layout) {
        this.layout = layout;
    }

    /**
     * Hashes exactly {@code expectedSize} bytes from the start of {@code channel}.
     *
     * @throws FileChangedException when the file is shorter or longer than expected, i.e. it changed
     *     while being read
     */
    public FileDigests hash(FileChannel channel, long expectedSize, String displayPath) throws IOException {
        int chunks = layout.chunkCount(expectedSize);
        byte[] chunkDigests = new byte[chunks * Sha256.LENGTH];
        MessageDigest whole = Sha256.newDigest();
        MessageDigest chunk = Sha256.newDigest();
        ByteBuffer buffer = readBuffer(Math.min(expectedSize, layout.chunkSize()));
        long position = 0;
        int chunkIndex = 0;
        long chunkFill = 0;
        while (position < expectedSize) {
            buffer.clear();
            long remainingInChunk = layout.chunkSize() - chunkFill;
            long want = Math.min(Math.min(buffer.capacity(), remainingInChunk), expectedSize - position);
            buffer.limit((int) want);
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new FileChangedException(
                        displayPath, "shrank to " + position + " bytes while being read, expected " + expectedSize);
            }
            buffer.flip();
            whole.update(buffer.duplicate());
            chunk.update(buffer);
            position += read;
            chunkFill += read;
            if (chunkFill == layout.chunkSize() || position == expectedSize) {
                System.arraycopy(chunk.digest(), 0, chunkDigests, chunkIndex * Sha256.LENGTH, Sha256.LENGTH);
                chunkIndex++;
                chunkFill = 0;
            }
        }
        if (channel.size() != expectedSize) {
            throw new FileChangedException(
                    displayPath, "is now " + channel.size() + " bytes while being read, expected " + expectedSize);
        }
        return new FileDigests(layout.chunkSize(), chunkDigests, whole.digest());
    }

    /**
     * A heap buffer no larger than the file. Heap, not direct: a direct buffer per file costs a
     * zeroed native allocation and, under the direct-memory limit, explicit GCs; the JDK reads into
     * heap buffers through its own cached direct buffer anyway.
     */
    private static ByteBuffer readBuffer(long fileSize) {
        return ByteBuffer.allocate((int) Math.max(MIN_READ_BUFFER, Math.min(READ_BUFFER, fileSize)));
    }

    /** SHA-256 of the whole content of {@code channel}, read from disk (the {@code verify: full} check). */
    public static byte[] wholeFileDigest(FileChannel channel) throws IOException {
        MessageDigest whole = Sha256.newDigest();
        ByteBuffer buffer = readBuffer(channel.size());
        long position = 0;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read < 0) {
                return whole.digest();
            }
            buffer.flip();
            whole.update(buffer);
            position += read;
        }
    }
}
