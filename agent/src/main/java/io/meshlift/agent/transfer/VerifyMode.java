package io.meshlift.agent.transfer;

/** How a finished file is checked before it is renamed to its final name. */
public enum VerifyMode {
    /** Re-read the assembled file from disk and compare its whole-file SHA-256 with the source's. */
    FULL,
    /** Trust the chunks, each of which was verified against the manifest before it was written. */
    CHUNKS
}
