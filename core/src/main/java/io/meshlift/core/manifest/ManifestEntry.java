package io.meshlift.core.manifest;

import java.util.Arrays;
import java.util.Objects;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.path.RelativePath;

/**
 * One entry of a dataset, relative to the dataset root. Files carry the SHA-256 of every chunk
 * (concatenated, 32 bytes each) and of their whole content; directories and symlinks carry
 * neither.
 *
 * @param path relative path; never the root
 * @param mode POSIX permission bits (e.g. {@code 0755}), without file-type bits
 * @param mtimeNanos last modification, nanoseconds since the Unix epoch
 * @param size content size in bytes (files only, otherwise 0)
 * @param symlinkTarget link target as stored (symlinks only, otherwise null)
 * @param chunkDigests concatenated chunk digests (files only, otherwise empty)
 * @param fileDigest whole-file SHA-256 (files only, otherwise null)
 */
public record ManifestEntry(
        RelativePath path,
        EntryType type,
        int mode,
        long mtimeNanos,
        long size,
        String symlinkTarget,
        byte[] chunkDigests,
        byte[] fileDigest) {

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.isRoot()) {
            throw new IllegalArgumentException("a manifest entry cannot be the dataset root");
        }
        if (size < 0) {
            throw new IllegalArgumentException(path + ": negative size " + size);
        }
        chunkDigests = chunkDigests == null ? new byte[0] : chunkDigests;
        if (chunkDigests.length % Sha256.LENGTH != 0) {
            throw new IllegalArgumentException(path + ": chunk digests must be 32 bytes each");
        }
        switch (type) {
            case FILE -> {
                if (!Sha256.isDigest(fileDigest)) {
                    throw new IllegalArgumentException(path + ": a file needs a 32-byte SHA-256 digest");
                }
            }
            case SYMLINK -> {
                if (symlinkTarget == null || symlinkTarget.isEmpty()) {
                    throw new IllegalArgumentException(path + ": a symlink needs a target");
                }
            }
            case DIRECTORY -> {}
        }
        if (type != EntryType.FILE && (size != 0 || chunkDigests.length != 0)) {
            throw new IllegalArgumentException(path + ": only files have a size and chunks");
        }
    }

    public static ManifestEntry file(
            RelativePath path, int mode, long mtimeNanos, long size, byte[] chunkDigests, byte[] fileDigest) {
        return new ManifestEntry(path, EntryType.FILE, mode, mtimeNanos, size, null, chunkDigests, fileDigest);
    }

    public static ManifestEntry directory(RelativePath path, int mode, long mtimeNanos) {
        return new ManifestEntry(path, EntryType.DIRECTORY, mode, mtimeNanos, 0, null, null, null);
    }

    public static ManifestEntry symlink(RelativePath path, long mtimeNanos, String target) {
        return new ManifestEntry(path, EntryType.SYMLINK, 0777, mtimeNanos, 0, target, null, null);
    }

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public int chunkCount() {
        return chunkDigests.length / Sha256.LENGTH;
    }

    public byte[] chunkDigest(int index) {
        Objects.checkIndex(index, chunkCount());
        return Arrays.copyOfRange(chunkDigests, index * Sha256.LENGTH, (index + 1) * Sha256.LENGTH);
    }

    /** Compares without copying; used on the hot path of chunk verification. */
    public boolean chunkDigestEquals(int index, byte[] digest) {
        Objects.checkIndex(index, chunkCount());
        return digest.length == Sha256.LENGTH
                && Arrays.equals(
                        chunkDigests, index * Sha256.LENGTH, (index + 1) * Sha256.LENGTH, digest, 0, Sha256.LENGTH);
    }

    /** Same content as {@code other} (digests and size), ignoring metadata. */
    public boolean sameContentAs(ManifestEntry other) {
        return type == other.type
                && size == other.size
                && Objects.equals(symlinkTarget, other.symlinkTarget)
                && Arrays.equals(fileDigest, other.fileDigest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestEntry e
                && path.equals(e.path)
                && type == e.type
                && mode == e.mode
                && mtimeNanos == e.mtimeNanos
                && size == e.size
                && Objects.equals(symlinkTarget, e.symlinkTarget)
                && Arrays.equals(chunkDigests, e.chunkDigests)
                && Arrays.equals(fileDigest, e.fileDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, mtimeNanos, size, symlinkTarget) * 31 + Arrays.hashCode(fileDigest);
    }

    @Override
    public String toString() {
        return type + " " + path + (isFile() ? " (" + size + " bytes, sha256 " + Sha256.hex(fileDigest) + ")" : "");
    }
}
