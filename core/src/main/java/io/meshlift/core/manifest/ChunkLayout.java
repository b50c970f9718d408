package io.meshlift.core.manifest;

/**
 * Fixed-size chunking: chunk {@code i} of a file covers bytes {@code [i * chunkSize, min((i + 1) *
 * chunkSize, size))}. An empty file has no chunks.
 */
public record ChunkLayout(int chunkSize) {

    public static final int MIN_CHUNK_SIZE = 64 * 1024;
    public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

    public static final ChunkLayout DEFAULT = new ChunkLayout(DEFAULT_CHUNK_SIZE);

    public ChunkLayout {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException(
                    "chunk size must be between 64 KiB and 64 MiB, got " + chunkSize + " bytes");
        }
    }

    public int chunkCount(long fileSize) {
        if (fileSize < 0) {
            throw new IllegalArgumentException("file size cannot be negative: " + fileSize);
        }
        long count = (fileSize + chunkSize - 1) / chunkSize;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("file of " + fileSize + " bytes has too many chunks of " + chunkSize);
        }
        return (int) count;
    }

    public long offset(int index) {
        return (long) index * chunkSize;
    }

    /** Length of chunk {@code index} of a file of {@code fileSize} bytes. */
    public int length(long fileSize, int index) {
        int count = chunkCount(fileSize);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(
                    "chunk " + index + " does not exist in a file of " + fileSize + " bytes (" + count + " chunks)");
        }
        return (int) Math.min(chunkSize, fileSize - offset(index));
    }
}
