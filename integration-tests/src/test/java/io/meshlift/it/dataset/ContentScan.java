package io.meshlift.it.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds regular files (never through links) whose content contains a given byte sequence. */
public final class ContentScan {

    private ContentScan() {}

    public static List<String> filesContaining(Path root, byte[] needle) throws IOException {
        List<String> hits = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && contains(file, needle)) {
                    hits.add(root.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return hits;
    }

    static boolean contains(Path file, byte[] needle) throws IOException {
        int overlap = needle.length - 1;
        byte[] window = new byte[(1 << 20) + overlap];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(window, kept, window.length - kept);
                    n >= 0;
                    n = in.read(window, kept, window.length - kept)) {
                int filled = kept + n;
                if (indexOf(window, filled, needle) >= 0) {
                    return true;
                }
                kept = Math.min(overlap, filled);
                System.arraycopy(window, filled - kept, window, 0, kept);
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        byte first = needle[0];
        for (int i = 0; i <= length - needle.length; i++) {
            if (haystack[i] == first && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
