package io.meshlift.it.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One large random file generated once per test run and hard-linked into the volumes of every test
 * that needs it (a link costs no disk and no time). Deleted when the run ends.
 */
public final class SharedRandomFile implements AutoCloseable {

    public static final long SIZE = 300L << 20;
    public static final long SEED = 0x5EED_300L;

    private final Path file;

    private SharedRandomFile(Path file) {
        this.file = file;
    }

    static SharedRandomFile generate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("random-300MiB-seed-" + Long.toHexString(SEED) + ".bin");
            Files.deleteIfExists(file);
            long started = System.nanoTime();
            RandomBytes.writeFile(file, SIZE, new SplittableRandom(SEED));
            System.out.printf(
                    "generated %s (%d MiB) in %d ms%n",
                    file.getFileName(), SIZE >> 20, (System.nanoTime() - started) / 1_000_000);
            return new SharedRandomFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the shared random file", e);
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return SIZE;
    }

    /** Hard-links the file at {@code target} (parent directories created). Callers must only read it. */
    public Path linkInto(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createLink(target, file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
