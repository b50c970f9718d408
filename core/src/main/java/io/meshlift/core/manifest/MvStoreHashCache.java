package io.meshlift.core.manifest;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.meshlift.core.digest.Sha256;

/**
 * {@link HashCache} in an H2 MVStore file: crash-safe (append-only with atomic commits), bounded
 * memory (page cache), one entry per path, overwritten when the file changes.
 */
public final class MvStoreHashCache implements HashCache {

    private static final int HEADER = 8 + 8 + 8 + 8 + 4;
    private static final int PAGE_CACHE_MIB = 8;

    private final MVStore store;
    private final MVMap<String, byte[]> entries;

    private MvStoreHashCache(MVStore store) {
        this.store = store;
        this.entries = store.openMap("file-digests");
    }

    public static MvStoreHashCache open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the hash cache directory for " + file + ": " + e, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(PAGE_CACHE_MIB)
                .open();
        return new MvStoreHashCache(store);
    }

    @Override
    public Optional<FileDigests> lookup(FileKey key) {
        byte[] value = entries.get(key.absolutePath());
        if (value == null || value.length < HEADER + Sha256.LENGTH) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        if (buffer.getLong() != key.size()
                || buffer.getLong() != key.mtimeNanos()
                || buffer.getLong() != key.ctimeNanos()
                || buffer.getLong() != key.inode()
                || buffer.getInt() != key.chunkSize()) {
            return Optional.empty();
        }
        byte[] fileDigest = Arrays.copyOfRange(value, HEADER, HEADER + Sha256.LENGTH);
        byte[] chunkDigests = Arrays.copyOfRange(value, HEADER + Sha256.LENGTH, value.length);
        return Optional.of(new FileDigests(key.chunkSize(), chunkDigests, fileDigest));
    }

    @Override
    public void store(FileKey key, FileDigests digests) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + Sha256.LENGTH + digests.chunkDigests().length);
        buffer.putLong(key.size())
                .putLong(key.mtimeNanos())
                .putLong(key.ctimeNanos())
                .putLong(key.inode())
                .putInt(key.chunkSize())
                .put(digests.fileDigest())
                .put(digests.chunkDigests());
        entries.put(key.absolutePath(), buffer.array());
    }

    @Override
    public void close() {
        store.close();
    }
}
