package io.meshlift.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.meshlift.core.digest.Sha256;

/**
 * The check that trusts neither agent nor coordinator: re-reads the source and a destination tree from disk
 * and compares every entry, each file by its SHA-256, each symlink by its target (never followed), each
 * directory by its existence (empty ones included).
 */
final class TreeCheck {

    private TreeCheck() {}

    /** What the trees hold, and every difference (empty when identical). */
    record Result(long files, long symlinks, long directories, List<String> differences) {

        boolean identical() {
            return differences.isEmpty();
        }
    }

    static Result compare(Path source, Path destination) {
        Map<String, String> expected = entries(source);
        Map<String, String> actual = entries(destination);
        List<String> differences = new ArrayList<>();
        expected.forEach((path, entry) -> {
            String found = actual.get(path);
            if (found == null) {
                differences.add(path + ": missing from " + destination);
            } else if (!found.equals(entry)) {
                differences.add(path + ": source has " + entry + ", destination " + found);
            }
        });
        actual.keySet().stream()
                .filter(path -> !expected.containsKey(path))
                .forEach(path -> differences.add(path + ": only in " + destination));
        return new Result(
                count(expected, "file "), count(expected, "symlink "), count(expected, "directory"), differences);
    }

    private static long count(Map<String, String> entries, String prefix) {
        return entries.values().stream()
                .filter(entry -> entry.startsWith(prefix))
                .count();
    }

    private static Map<String, String> entries(Path root) {
        Map<String, String> entries = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        entries.put(root.relativize(dir).toString(), "directory");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String path = root.relativize(file).toString();
                    if (attrs.isSymbolicLink()) {
                        entries.put(path, "symlink -> " + Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile()) {
                        entries.put(path, "file " + sha256(file));
                    } else {
                        entries.put(path, "special file");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new QuickstartException("cannot read " + root + " for the independent check: " + e.getMessage(), e);
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest.digest());
    }
}
