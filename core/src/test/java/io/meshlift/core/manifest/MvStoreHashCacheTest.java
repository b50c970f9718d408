package io.meshlift.core.manifest;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

class MvStoreHashCacheTest {

    @TempDir
    Path dir;

    private final HashCache.FileKey key = new HashCache.FileKey("/data/a", 10, 100, 200, 7, 65536);
    private final FileDigests digests = new FileDigests(65536, Sha256.of(new byte[] {1}), Sha256.of(new byte[] {2}));

    @Test
    void survivesReopen() {
        try (MvStoreHashCache cache = MvStoreHashCache.open(dir.resolve("cache.mv"))) {
            cache.store(key, digests);
        }
        try (MvStoreHashCache cache = MvStoreHashCache.open(dir.resolve("cache.mv"))) {
            FileDigests found = cache.lookup(key).orElseThrow();
            assertThat(found.fileDigest()).isEqualTo(digests.fileDigest());
            assertThat(found.chunkDigests()).isEqualTo(digests.chunkDigests());
        }
    }

    @Test
    void missesWhenAnyChangeMarkerDiffers() {
        try (MvStoreHashCache cache = MvStoreHashCache.open(dir.resolve("cache.mv"))) {
            cache.store(key, digests);
            assertThat(cache.lookup(new HashCache.FileKey("/data/a", 11, 100, 200, 7, 65536)))
                    .isEmpty();
            assertThat(cache.lookup(new HashCache.FileKey("/data/a", 10, 101, 200, 7, 65536)))
                    .isEmpty();
            assertThat(cache.lookup(new HashCache.FileKey("/data/a", 10, 100, 201, 7, 65536)))
                    .isEmpty();
            assertThat(cache.lookup(new HashCache.FileKey("/data/a", 10, 100, 200, 8, 65536)))
                    .isEmpty();
            assertThat(cache.lookup(new HashCache.FileKey("/data/a", 10, 100, 200, 7, 131072)))
                    .isEmpty();
            assertThat(cache.lookup(key)).isPresent();
        }
    }
}
