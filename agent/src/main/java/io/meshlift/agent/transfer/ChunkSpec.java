package io.meshlift.agent.transfer;

import io.meshlift.core.manifest.ChunkLayout;
import io.meshlift.core.manifest.ManifestEntry;

/** One chunk to fetch: which dataset and file, which index, and the digest it must have. */
public record ChunkSpec(
        String sourceVolume, String sourceDatasetPath, ManifestEntry file, ChunkLayout layout, int index) {

    public int length() {
        return layout.length(file.size(), index);
    }

    public long offset() {
        return layout.offset(index);
    }

    @Override
    public String toString() {
        return "chunk " + index + " of '" + file.path() + "'";
    }
}
