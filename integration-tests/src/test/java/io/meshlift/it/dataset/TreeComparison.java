package io.meshlift.it.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Independent check that a destination tree is an exact copy of a source tree: same entries, types,
 * content (SHA-256), permission bits, mtimes and symlink targets. Symlink mtimes are compared at
 * microsecond precision (Linux sets them with lutimes); files and directories at full precision.
 */
public final class TreeComparison {

    private final Path source;
    private final Path destination;
    private boolean ignoreRootMtime;

    private TreeComparison(Path source, Path destination) {
        this.source = source;
        this.destination = destination;
    }

    public static TreeComparison between(Path source, Path destination) {
        return new TreeComparison(source, destination);
    }

    /** The dataset root's own mtime is not part of what a pull promises. */
    public TreeComparison ignoringRootMtime() {
        this.ignoreRootMtime = true;
        return this;
    }

    /** Every difference, one readable line each; empty when the trees are identical. */
    public List<String> differences() {
        Map<String, TreeEntry> expected;
        Map<String, TreeEntry> actual;
        try {
            expected = TreeSnapshot.of(source);
            actual = TreeSnapshot.of(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trees to compare", e);
        }
        List<String> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            TreeEntry want = expected.get(path);
            TreeEntry got = actual.get(path);
            String name = path.isEmpty() ? "(dataset root)" : path;
            if (got == null) {
                differences.add(name + ": missing at the destination (" + want.type() + " in the source)");
            } else if (want == null) {
                differences.add(name + ": only at the destination (" + got.type() + ")");
            } else {
                compare(name, path.isEmpty(), want, got, differences);
            }
        }
        return differences;
    }

    private void compare(String name, boolean root, TreeEntry want, TreeEntry got, List<String> differences) {
        if (!want.type().equals(got.type())) {
            differences.add(name + ": " + want.type() + " in the source, " + got.type() + " at the destination");
            return;
        }
        if (want.mode() != got.mode()) {
            differences.add(name + ": mode " + octal(want.mode()) + " in the source, " + octal(got.mode())
                    + " at the destination");
        }
        switch (want.type()) {
            case TreeEntry.FILE -> {
                if (want.size() != got.size()) {
                    differences.add(
                            name + ": size " + want.size() + " in the source, " + got.size() + " at the destination");
                } else if (!want.sha256().equals(got.sha256())) {
                    differences.add(name + ": content sha256 " + want.sha256() + " in the source, " + got.sha256()
                            + " at the destination");
                }
                compareMtime(name, want.mtimeNanos(), got.mtimeNanos(), 1, differences);
            }
            case TreeEntry.DIRECTORY -> {
                if (!(root && ignoreRootMtime)) {
                    compareMtime(name, want.mtimeNanos(), got.mtimeNanos(), 1, differences);
                }
            }
            case TreeEntry.SYMLINK -> {
                if (!Objects.equals(want.linkTarget(), got.linkTarget())) {
                    differences.add(name + ": link to '" + want.linkTarget() + "' in the source, to '"
                            + got.linkTarget() + "' at the destination");
                }
                compareMtime(name, want.mtimeNanos(), got.mtimeNanos(), 1_000, differences);
            }
            default -> differences.add(name + ": special file, not expected in a test dataset");
        }
    }

    private static void compareMtime(String name, long want, long got, long precision, List<String> differences) {
        if (Math.floorDiv(want, precision) != Math.floorDiv(got, precision)) {
            differences.add(
                    name + ": mtime " + instant(want) + " in the source, " + instant(got) + " at the destination");
        }
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
