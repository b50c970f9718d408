package io.meshlift.agent.wire;

import java.util.List;

import com.google.protobuf.ByteString;

import io.meshlift.core.digest.Sha256;
import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.ManifestEntry;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.RelativePath;
import io.meshlift.proto.peer.v1.ManifestPart;

/**
 * The one place manifest entries cross between the wire and the domain. Everything that arrives from
 * a peer is validated here: a peer is authenticated, not trusted.
 */
public final class ManifestWire {

    /** Entries per {@link ManifestPart}; bounds the size of each message. */
    public static final int ENTRIES_PER_PART = 1024;

    /** Serialized bytes after which a part is sent even with fewer entries (huge files list many digests). */
    public static final int BYTES_PER_PART = 4 * 1024 * 1024;

    private ManifestWire() {}

    public static io.meshlift.proto.peer.v1.ManifestEntry toWire(ManifestEntry entry) {
        var builder = io.meshlift.proto.peer.v1.ManifestEntry.newBuilder()
                .setPath(entry.path().toString())
                .setType(toWire(entry.type()))
                .setMode(entry.mode())
                .setMtimeNanos(entry.mtimeNanos())
                .setSize(entry.size());
        if (entry.symlinkTarget() != null) {
            builder.setSymlinkTarget(entry.symlinkTarget());
        }
        if (entry.isFile()) {
            byte[] digests = entry.chunkDigests();
            for (int i = 0; i < entry.chunkCount(); i++) {
                builder.addChunkDigests(ByteString.copyFrom(digests, i * Sha256.LENGTH, Sha256.LENGTH));
            }
            builder.setFileDigest(ByteString.copyFrom(entry.fileDigest()));
        }
        return builder.build();
    }

    /**
     * @throws InvalidWireMessageException naming the entry and what is wrong with it
     */
    public static ManifestEntry fromWire(io.meshlift.proto.peer.v1.ManifestEntry wire, int chunkSize) {
        RelativePath path;
        try {
            path = RelativePath.parse(wire.getPath());
        } catch (PathRejectedException e) {
            throw new InvalidWireMessageException("manifest entry path rejected: " + e.getMessage());
        }
        EntryType type = fromWire(wire.getType(), path);
        try {
            return switch (type) {
                case DIRECTORY -> ManifestEntry.directory(path, wire.getMode() & 07777, wire.getMtimeNanos());
                case SYMLINK -> ManifestEntry.symlink(path, wire.getMtimeNanos(), wire.getSymlinkTarget());
                case FILE -> file(wire, path, chunkSize);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidWireMessageException("manifest entry '" + path + "': " + e.getMessage());
        }
    }

    private static ManifestEntry file(io.meshlift.proto.peer.v1.ManifestEntry wire, RelativePath path, int chunkSize) {
        long size = wire.getSize();
        if (size < 0) {
            throw new InvalidWireMessageException(
                    "manifest entry '" + path + "': size " + Long.toUnsignedString(size) + " is out of range");
        }
        long expectedChunks = (size + chunkSize - 1) / chunkSize;
        List<ByteString> chunks = wire.getChunkDigestsList();
        if (chunks.size() != expectedChunks) {
            throw new InvalidWireMessageException("manifest entry '" + path + "': " + chunks.size()
                    + " chunk digests for " + size + " bytes in chunks of " + chunkSize + ", expected "
                    + expectedChunks);
        }
        byte[] digests = new byte[chunks.size() * Sha256.LENGTH];
        for (int i = 0; i < chunks.size(); i++) {
            ByteString digest = chunks.get(i);
            if (digest.size() != Sha256.LENGTH) {
                throw new InvalidWireMessageException(
                        "manifest entry '" + path + "': chunk " + i + " digest is " + digest.size() + " bytes, not 32");
            }
            digest.copyTo(digests, i * Sha256.LENGTH);
        }
        return ManifestEntry.file(
                path,
                wire.getMode() & 07777,
                wire.getMtimeNanos(),
                size,
                digests,
                wire.getFileDigest().toByteArray());
    }

    private static io.meshlift.proto.peer.v1.EntryType toWire(EntryType type) {
        return switch (type) {
            case FILE -> io.meshlift.proto.peer.v1.EntryType.ENTRY_TYPE_FILE;
            case DIRECTORY -> io.meshlift.proto.peer.v1.EntryType.ENTRY_TYPE_DIRECTORY;
            case SYMLINK -> io.meshlift.proto.peer.v1.EntryType.ENTRY_TYPE_SYMLINK;
        };
    }

    private static EntryType fromWire(io.meshlift.proto.peer.v1.EntryType type, RelativePath path) {
        return switch (type) {
            case ENTRY_TYPE_FILE -> EntryType.FILE;
            case ENTRY_TYPE_DIRECTORY -> EntryType.DIRECTORY;
            case ENTRY_TYPE_SYMLINK -> EntryType.SYMLINK;
            default ->
                throw new InvalidWireMessageException("manifest entry '" + path + "': unknown entry type " + type);
        };
    }
}
