package io.meshlift.it.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads a whole tree with java.nio, never following symlinks, into relative path -> {@link TreeEntry}.
 * The dataset root itself is the entry with the empty path. Independent of Meshlift's own code.
 */
public final class TreeSnapshot {

    private TreeSnapshot() {}

    public static Map<String, TreeEntry> of(Path root) throws IOException {
        Map<String, TreeEntry> entries = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                entries.put(relative(root, dir), read(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                entries.put(relative(root, file), read(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return entries;
    }

    /** One entry, read without following a link. */
    public static TreeEntry read(Path path) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (attrs.isSymbolicLink()) {
            return new TreeEntry(
                    TreeEntry.SYMLINK,
                    0,
                    mtime,
                    0,
                    null,
                    Files.readSymbolicLink(path).toString());
        }
        int mode = mode(attrs.permissions());
        if (attrs.isDirectory()) {
            return new TreeEntry(TreeEntry.DIRECTORY, mode, mtime, 0, null, null);
        }
        if (attrs.isRegularFile()) {
            return new TreeEntry(TreeEntry.FILE, mode, mtime, attrs.size(), sha256(path), null);
        }
        return new TreeEntry(TreeEntry.OTHER, mode, mtime, 0, null, null);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // Enum order is OWNER_READ .. OTHERS_EXECUTE, i.e. bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString();
    }
}
