package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.meshlift.core.path.RelativePath;

/**
 * Every path the source's manifest listed in this pull, kept in a file beside the pull's state so
 * that finding extraneous destination entries does not hold the listing in memory (a dataset may have
 * millions of files). Built fresh by each run of the pull; deleted with it.
 */
final class ManifestPaths implements AutoCloseable {

    private final Path file;
    private final MVStore store;
    private final MVMap<String, Boolean> paths;
    private long count;

    private ManifestPaths(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.paths = store.openMap("paths");
    }

    static ManifestPaths create(Path file) throws IOException {
        Files.deleteIfExists(file);
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open();
        return new ManifestPaths(file, store);
    }

    void add(RelativePath path) {
        paths.put(path.toString(), Boolean.TRUE);
        count++;
        if (count % 10_000 == 0) {
            store.commit();
        }
    }

    boolean contains(RelativePath path) {
        return paths.containsKey(path.toString());
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        store.closeImmediately();
        Files.deleteIfExists(file);
    }
}
