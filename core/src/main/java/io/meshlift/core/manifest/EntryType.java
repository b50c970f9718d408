package io.meshlift.core.manifest;

/** What a manifest entry is. Other file types (devices, sockets, FIFOs) are never copied. */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK
}
