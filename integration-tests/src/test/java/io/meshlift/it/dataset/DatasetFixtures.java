package io.meshlift.it.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds test datasets deterministically from a seed: the same seed gives the same names, sizes,
 * content, modes and mtimes (apart from files hard-linked from a {@link SharedRandomFile}).
 */
public final class DatasetFixtures {

    public static final int MIB = 1 << 20;
    public static final String CAFE_NFC = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFC);
    public static final String CAFE_NFD = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFD);

    private final SplittableRandom random;
    /** Entries whose mtime the fixture sets at the end, in creation order. */
    private final List<Path> created = new ArrayList<>();
    /** Entries shared with other tests (hard links): their metadata is not ours to change. */
    private final Set<Path> shared = new HashSet<>();

    private final Map<Path, String> modes = new TreeMap<>();

    public DatasetFixtures(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * The dataset of the pair-copy scenario: empty, one-byte, chunk-sized and chunk+1 files, the
     * shared large random file, {@code smallFiles} small files over about 100 directories, nested
     * empty directories, Unicode and space-containing names (NFC and NFD variants of one name), an
     * executable, relative symlinks, and links to a canary outside the volume.
     *
     * @param root the dataset directory (created)
     * @param outside a directory outside the source volume for the canary (created)
     */
    public MixedDataset mixed(Path root, Path outside, SharedRandomFile large, int chunkSize, int smallFiles)
            throws IOException {
        Files.createDirectories(outside);
        byte[] marker = ("MESHLIFT-CANARY-" + HexFormat.of().formatHex(RandomBytes.bytes(24, random)))
                .getBytes(StandardCharsets.US_ASCII);
        Path canary = outside.resolve("canary.txt");
        Files.write(canary, marker);

        directory(root, "rwxr-xr-x");
        file(root.resolve("empty.bin"), 0, "rw-r--r--");
        file(root.resolve("one.bin"), 1, "rw-r--r--");
        file(root.resolve("exactly-one-chunk.bin"), chunkSize, "rw-r--r--");
        file(root.resolve("one-chunk-plus-one.bin"), chunkSize + 1L, "rw-------");
        directory(root.resolve("large"), "rwxr-x---");
        shared.add(large.linkInto(root.resolve("large").resolve("random-300MiB.bin")));

        directory(root.resolve("small"), "rwxr-xr-x");
        int directories = 100;
        for (int i = 0; i < smallFiles; i++) {
            Path dir = root.resolve("small").resolve(String.format("d%03d", i % directories));
            if (i < directories) {
                directory(dir, "rwxr-xr-x");
            }
            file(dir.resolve(String.format("f%05d.dat", i)), random.nextInt(4097), "rw-r--r--");
        }

        directory(root.resolve("empty"), "rwxr-xr-x");
        directory(root.resolve("empty").resolve("a"), "rwx------");
        directory(root.resolve("empty").resolve("a").resolve("b"), "rwxr-xr-x");
        directory(root.resolve("empty").resolve("a").resolve("b").resolve("c"), "r-xr-xr-x");
        directory(root.resolve("empty").resolve("sibling"), "rwxrwxr-x");

        Path names = directory(root.resolve("names"), "rwxr-xr-x");
        for (String name : List.of(
                "with space.txt",
                " leading and trailing space ",
                "Gr\u00fc\u00dfe aus K\u00f6ln.txt",
                "\u65e5\u672c\u8a9e\u306e\u30d5\u30a1\u30a4\u30eb.txt",
                "emoji \ud83d\ude80 rocket.txt",
                "\uff46ullwidth.txt",
                CAFE_NFC,
                CAFE_NFD)) {
            file(names.resolve(name), 1 + random.nextInt(300), "rw-r--r--");
        }
        Path spaced = directory(names.resolve("Dossier \u00e9t\u00e9 2024"), "rwxr-xr-x");
        file(spaced.resolve("r\u00e9sum\u00e9 final.txt"), 777, "rw-r--r--");

        Path bin = directory(root.resolve("bin"), "rwxr-xr-x");
        Path script = bin.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho meshlift\n", StandardCharsets.US_ASCII);
        mode(script, "rwxr-xr-x");
        created.add(script);

        Path links = directory(root.resolve("links"), "rwxr-xr-x");
        symlink(links.resolve("to-file"), "../one.bin");
        symlink(links.resolve("to-directory"), "../small/d000");
        symlink(links.resolve("to-link"), "to-file");
        symlink(links.resolve("outside-absolute"), canary.toAbsolutePath().toString());
        symlink(links.resolve("outside-relative"), links.relativize(canary).toString());

        applyMetadata();
        return new MixedDataset(
                root,
                canary,
                marker,
                List.of("links/outside-absolute", "links/outside-relative"),
                "names/" + CAFE_NFC,
                "names/" + CAFE_NFD,
                "bin/run.sh",
                smallFiles);
    }

    /** A few small files and a directory, for scenarios that need little data. */
    public void small(Path root, Map<String, Integer> files) throws IOException {
        directory(root, "rwxr-xr-x");
        for (var file : new TreeMap<>(files).entrySet()) {
            Path path = root.resolve(file.getKey());
            if (!Files.isDirectory(path.getParent())) {
                directory(path.getParent(), "rwxr-xr-x");
            }
            file(path, file.getValue(), "rw-r--r--");
        }
        applyMetadata();
    }

    private Path directory(Path dir, String permissions) throws IOException {
        Files.createDirectories(dir);
        modes.put(dir, permissions);
        created.add(dir);
        return dir;
    }

    private void file(Path file, long size, String permissions) throws IOException {
        RandomBytes.writeFile(file, size, random);
        mode(file, permissions);
        created.add(file);
    }

    private void symlink(Path link, String target) throws IOException {
        Files.createSymbolicLink(link, Path.of(target));
        created.add(link);
    }

    private static void mode(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    /**
     * Directory modes last (a read-only directory must still take its children) and mtimes after
     * everything exists, since creating an entry changes its directory's mtime. Times have
     * nanosecond parts so that any truncation shows.
     */
    private void applyMetadata() throws IOException {
        for (var dir : modes.entrySet()) {
            mode(dir.getKey(), dir.getValue());
        }
        long base = TimeUnit.SECONDS.toNanos(1_600_000_000L);
        for (int i = 0; i < created.size(); i++) {
            Path path = created.get(i);
            if (shared.contains(path)) {
                continue;
            }
            long nanos = base + TimeUnit.SECONDS.toNanos(random.nextInt(100_000_000)) + random.nextInt(1_000_000_000);
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
        }
        created.clear();
        modes.clear();
    }
}
