package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The directory one test class works in, under {@code meshlift.work.dir}. Agents' logs live in
 * {@code logs/} and survive {@link #close()}; everything else (volumes, state, certificates) is
 * deleted, so a run leaves only what helps to diagnose it.
 */
public final class Workspace implements AutoCloseable {

    public static final String LOGS = "logs";

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace forClass(Class<?> testClass) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path root = workDir().resolve(testClass.getSimpleName() + "-" + stamp);
        try {
            Files.createDirectories(root.resolve(LOGS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Workspace(root);
    }

    /** The run's work directory (system property {@code meshlift.work.dir}, set by the pom). */
    public static Path workDir() {
        String configured = System.getProperty("meshlift.work.dir");
        Path dir = configured == null ? Path.of("target", "it-work") : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A directory under the workspace, created if missing. */
    public Path dir(String first, String... more) {
        Path dir = root.resolve(Path.of(first, more));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public Path logs() {
        return root.resolve(LOGS);
    }

    @Override
    public void close() {
        try (var children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(LOGS)) {
                    deleteTree(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    /** Deletes a tree without following symlinks (a link to a canary must not take the canary along). */
    public static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // Test datasets make some directories read-only; make them writable to empty them.
                dir.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
