package io.meshlift.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The quickstart's directory ({@code .quickstart/} by default): Keycloak, mesh certificates, the coordinator's
 * H2 database, agents' volumes and state, secrets (0600 files in a 0700 directory), logs and the PIDs that
 * {@code bin/quickstart --stop} stops. A marker file proves a directory is one of ours before a new run empties
 * it.
 */
final class WorkDir {

    static final String MARKER = ".meshlift-quickstart";

    private final Path root;

    private WorkDir(Path root) {
        this.root = root;
    }

    /** Empties {@code dir} for a new run, refusing a non-empty directory that no quickstart created. */
    static WorkDir prepare(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                boolean empty;
                try (var children = Files.list(absolute)) {
                    empty = children.findAny().isEmpty();
                }
                if (!empty && !Files.exists(absolute.resolve(MARKER))) {
                    throw new QuickstartException(absolute + " is not empty and was not made by the quickstart;"
                            + " choose another directory (MESHLIFT_QUICKSTART_DIR) or empty it yourself");
                }
                WorkDir previous = new WorkDir(absolute.toRealPath());
                if (previous.pidFiles().anyAlive()) {
                    throw new QuickstartException("processes of a previous quickstart in " + absolute
                            + " still run; stop them first: bin/quickstart --stop");
                }
                deleteContents(absolute);
            }
            Files.createDirectories(absolute);
            Path real = absolute.toRealPath();
            Files.writeString(real.resolve(MARKER), "Meshlift quickstart work directory\n", StandardCharsets.UTF_8);
            WorkDir work = new WorkDir(real);
            Files.createDirectories(work.logs());
            Files.createDirectories(work.pids());
            Files.createDirectories(
                    work.secrets(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return work;
        } catch (IOException e) {
            throw new QuickstartException("cannot prepare the work directory " + dir + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    Path keycloak() {
        return root.resolve("keycloak");
    }

    Path mesh() {
        return root.resolve("mesh");
    }

    Path coordinatorData() {
        return root.resolve("coordinator");
    }

    Path agentVolume(String agent) {
        return root.resolve("agents").resolve(agent).resolve("data");
    }

    Path agentState(String agent) {
        return root.resolve("agents").resolve(agent).resolve("state");
    }

    Path agentCredentials(String agent) {
        return root.resolve("agents").resolve(agent).resolve("credentials");
    }

    Path secrets() {
        return root.resolve("secrets");
    }

    Path pids() {
        return root.resolve("pids");
    }

    Path logs() {
        return root.resolve("logs");
    }

    PidFiles pidFiles() {
        return new PidFiles(pids(), root);
    }

    /** Writes a secret readable by its owner only; it is created 0600, never world-readable for a moment. */
    static Path writeSecret(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes what is inside {@code dir} without following symlinks (sample data holds one). */
    private static void deleteContents(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
