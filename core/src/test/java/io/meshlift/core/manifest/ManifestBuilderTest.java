package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.digest.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestBuilderTest {

    private static final ChunkLayout LAYOUT = new ChunkLayout(ChunkLayout.MIN_CHUNK_SIZE);

    @TempDir
    Path root;

    @BeforeEach
    void createDataset() throws IOException {
        Random random = new Random(42);
        write("empty", new byte[0]);
        write("one", new byte[] {7});
        write("exact", randomBytes(random, LAYOUT.chunkSize()));
        write("exact-plus-one", randomBytes(random, LAYOUT.chunkSize() + 1));
        write("a-c", "dash".getBytes(StandardCharsets.UTF_8));
        write("a/b", "nested".getBytes(StandardCharsets.UTF_8));
        write("a0", "zero".getBytes(StandardCharsets.UTF_8));
        write("dir with space/ünïcødé name.txt", "unicode".getBytes(StandardCharsets.UTF_8));
        write("skip.tmp", "excluded".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve("nested-empty/x/y"));
        Path exe = write("bin/tool", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("link-inside"), Path.of("a/b"));
        Files.createSymbolicLink(root.resolve("link-outside"), Path.of("/etc/passwd"));
    }

    @Test
    void fileDigestsMatchSha256sum() throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, PathFilter.ALL, entries::add);

        Map<String, String> expected = sha256sumOfAllFiles();
        Map<String, String> actual = entries.stream()
                .filter(ManifestEntry::isFile)
                .collect(Collectors.toMap(e -> e.path().toString(), e -> Sha256.hex(e.fileDigest())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void datasetDigestIsReproducibleWithCoreutils() throws Exception {
        ManifestSummary summary = build(HashCache.NONE, PathFilter.ALL, e -> {});

        String coreutils = shell("find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum");
        assertThat(Sha256.hex(summary.datasetDigest())).isEqualTo(coreutils.substring(0, 64));
        assertThat(summary.files()).isEqualTo(sha256sumOfAllFiles().size());
    }

    @Test
    void chunkDigestsCoverFixedSizeRanges() throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, PathFilter.ALL, entries::add);

        ManifestEntry plusOne = find(entries, "exact-plus-one");
        byte[] content = Files.readAllBytes(root.resolve("exact-plus-one"));
        assertThat(plusOne.chunkCount()).isEqualTo(2);
        assertThat(plusOne.chunkDigest(0)).isEqualTo(Sha256.of(content, 0, LAYOUT.chunkSize()));
        assertThat(plusOne.chunkDigest(1)).isEqualTo(Sha256.of(content, LAYOUT.chunkSize(), 1));
        assertThat(find(entries, "empty").chunkCount()).isZero();
        assertThat(find(entries, "exact").chunkCount()).isEqualTo(1);
    }

    @Test
    void filesComeInPathByteOrderAndDirectoriesBeforeTheirContents() throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, PathFilter.ALL, entries::add);

        List<String> files = entries.stream()
                .filter(ManifestEntry::isFile)
                .map(e -> e.path().toString())
                .toList();
        List<String> sorted = new ArrayList<>(files);
        sorted.sort((x, y) -> java.util.Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        assertThat(files).containsExactlyElementsOf(sorted);
        List<String> all = entries.stream().map(e -> e.path().toString()).toList();
        assertThat(all.indexOf("a")).isLessThan(all.indexOf("a/b"));
        assertThat(all.indexOf("a-c")).isLessThan(all.indexOf("a/b"));
    }

    @Test
    void recordsSymlinksAsLinksWithoutFollowingThem() throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, PathFilter.ALL, entries::add);

        ManifestEntry outside = find(entries, "link-outside");
        assertThat(outside.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(outside.symlinkTarget()).isEqualTo("/etc/passwd");
        assertThat(outside.size()).isZero();
        assertThat(find(entries, "link-inside").symlinkTarget()).isEqualTo("a/b");
    }

    @Test
    void keepsModesAndEmptyDirectories() throws Exception {
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, PathFilter.ALL, entries::add);

        assertThat(find(entries, "bin/tool").mode()).isEqualTo(0750);
        assertThat(find(entries, "nested-empty/x/y").type()).isEqualTo(EntryType.DIRECTORY);
    }

    @Test
    void excludedEntriesAndPartialFilesAreLeftOut() throws Exception {
        write(PartialFiles.partName("one"), new byte[] {1});
        List<ManifestEntry> entries = new ArrayList<>();
        build(HashCache.NONE, new PathFilter(List.of(), List.of("*.tmp")), entries::add);

        assertThat(entries).extracting(e -> e.path().toString()).doesNotContain("skip.tmp", ".one.meshlift-part");
    }

    @Test
    void skipsSpecialFilesAndSaysWhy() throws Exception {
        shell("mkfifo pipe");
        ManifestSummary summary = build(HashCache.NONE, PathFilter.ALL, e -> {});

        assertThat(summary.skippedCount()).isEqualTo(1);
        assertThat(summary.skipped()).singleElement().asString().startsWith("pipe: not a regular file");
    }

    @Test
    void unchangedFilesAreNotHashedAgain() throws Exception {
        CountingCache cache = new CountingCache();
        ManifestSummary first = build(cache, PathFilter.ALL, e -> {});
        int storedAfterFirst = cache.stores.get();

        ManifestSummary second = build(cache, PathFilter.ALL, e -> {});

        assertThat(storedAfterFirst).isEqualTo((int) first.files());
        assertThat(cache.stores.get()).isEqualTo(storedAfterFirst);
        assertThat(second.datasetDigest()).isEqualTo(first.datasetDigest());
    }

    @Test
    void changedFileIsHashedAgainDespiteTheCache() throws Exception {
        CountingCache cache = new CountingCache();
        build(cache, PathFilter.ALL, e -> {});
        Files.write(root.resolve("one"), new byte[] {8, 9});

        List<ManifestEntry> entries = new ArrayList<>();
        build(cache, PathFilter.ALL, entries::add);

        assertThat(find(entries, "one").fileDigest()).isEqualTo(Sha256.of(new byte[] {8, 9}));
    }

    private ManifestSummary build(HashCache cache, PathFilter filter, ManifestSink sink) throws Exception {
        return new ManifestBuilder(LAYOUT, cache, filter).build(root, sink);
    }

    private Path write(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static ManifestEntry find(List<ManifestEntry> entries, String path) {
        return entries.stream()
                .filter(e -> e.path().toString().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + path));
    }

    private Map<String, String> sha256sumOfAllFiles() throws Exception {
        String output = shell("find . -type f -printf '%P\\0' | xargs -0 sha256sum");
        return output.lines()
                .filter(line -> !line.contains(PartialFiles.PART_SUFFIX))
                .collect(Collectors.toMap(line -> line.substring(66), line -> line.substring(0, 64)));
    }

    private String shell(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** Remembers digests in memory and counts how often files were hashed and stored. */
    private static final class CountingCache implements HashCache {
        private final Map<FileKey, FileDigests> entries = new ConcurrentHashMap<>();
        private final AtomicInteger stores = new AtomicInteger();

        @Override
        public Optional<FileDigests> lookup(FileKey key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void store(FileKey key, FileDigests digests) {
            stores.incrementAndGet();
            entries.put(key, digests);
        }

        @Override
        public void close() {}
    }
}
