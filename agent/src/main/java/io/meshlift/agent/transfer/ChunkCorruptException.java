package io.meshlift.agent.transfer;

import io.meshlift.core.digest.Sha256;

/** A peer sent bytes for a chunk that do not match the manifest's digest. They were never written. */
public class ChunkCorruptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String peer;
    private final String path;
    private final int chunkIndex;

    public ChunkCorruptException(String peer, String path, int chunkIndex, byte[] expected, byte[] actual) {
        super("peer " + peer + " sent corrupt data for chunk " + chunkIndex + " of '" + path + "': expected sha256 "
                + Sha256.hex(expected) + ", got " + Sha256.hex(actual));
        this.peer = peer;
        this.path = path;
        this.chunkIndex = chunkIndex;
    }

    public String peer() {
        return peer;
    }

    public String path() {
        return path;
    }

    public int chunkIndex() {
        return chunkIndex;
    }
}
