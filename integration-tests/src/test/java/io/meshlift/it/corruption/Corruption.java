package io.meshlift.it.corruption;

/**
 * How the lying peer misbehaves: for the first {@code times} requests of chunk {@code chunkIndex} of
 * file {@code path} it flips the first byte; later requests get the true bytes.
 */
record Corruption(String path, int chunkIndex, int times) {

    static Corruption firstRequests(String path, int chunkIndex, int times) {
        return new Corruption(path, chunkIndex, times);
    }

    static Corruption always(String path, int chunkIndex) {
        return new Corruption(path, chunkIndex, Integer.MAX_VALUE);
    }

    boolean targets(String requestedPath, int requestedIndex) {
        return path.equals(requestedPath) && chunkIndex == requestedIndex;
    }

    static byte[] flipFirstByte(byte[] chunk) {
        byte[] corrupted = chunk.clone();
        corrupted[0] ^= (byte) 0xFF;
        return corrupted;
    }
}
