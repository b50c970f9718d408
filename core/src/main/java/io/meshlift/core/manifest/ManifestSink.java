package io.meshlift.core.manifest;

/**
 * Receives manifest entries in path-byte order as they are produced. An implementation may block to
 * apply back-pressure (e.g. until the network is ready); that is how memory stays independent of
 * the number of files.
 */
@FunctionalInterface
public interface ManifestSink {

    void accept(ManifestEntry entry) throws InterruptedException;
}
