package io.meshlift.core.manifest;

import java.util.Optional;

/**
 * Remembers the digests of files that have not changed, so unchanged files are not read again.
 * A cached value is used only when the file's identity and change markers all match: absolute path,
 * size, mtime, ctime, inode and chunk size. Implementations must be safe for concurrent use.
 */
public interface HashCache extends AutoCloseable {

    /** Identity and change markers of a file at the moment it was hashed. */
    record FileKey(String absolutePath, long size, long mtimeNanos, long ctimeNanos, long inode, int chunkSize) {}

    Optional<FileDigests> lookup(FileKey key);

    void store(FileKey key, FileDigests digests);

    @Override
    void close();

    /** A cache that remembers nothing. */
    HashCache NONE = new HashCache() {
        @Override
        public Optional<FileDigests> lookup(FileKey key) {
            return Optional.empty();
        }

        @Override
        public void store(FileKey key, FileDigests digests) {}

        @Override
        public void close() {}
    };
}
