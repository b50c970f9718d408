package io.meshlift.core.manifest;

import java.util.Objects;

import io.meshlift.core.digest.Sha256;

/** The content digests of one file, cut with one chunk layout. */
public record FileDigests(int chunkSize, byte[] chunkDigests, byte[] fileDigest) {

    public FileDigests {
        Objects.requireNonNull(chunkDigests, "chunkDigests");
        if (!Sha256.isDigest(fileDigest)) {
            throw new IllegalArgumentException("file digest must be 32 bytes");
        }
        if (chunkDigests.length % Sha256.LENGTH != 0) {
            throw new IllegalArgumentException("chunk digests must be 32 bytes each");
        }
    }
}
