package io.meshlift.it.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the integration tests trust must itself notice every kind of difference. */
class TreeComparisonTest {

    @TempDir
    Path temp;

    private Path source;
    private Path copy;

    @BeforeEach
    void twoIdenticalTrees() throws IOException {
        source = temp.resolve("source");
        copy = temp.resolve("copy");
        for (Path root : new Path[] {source, copy}) {
            new DatasetFixtures(42).small(root, Map.of("a.bin", 5000, "dir/b.bin", 10));
            Files.createSymbolicLink(root.resolve("link"), Path.of("a.bin"));
            setMtime(root.resolve("link"), 1_600_000_000_123_456_000L);
            setMtime(root, 1_600_000_000_000_000_000L);
        }
    }

    @Test
    void findsNoDifferenceBetweenIdenticalTrees() {
        assertThat(TreeComparison.between(source, copy).differences()).isEmpty();
    }

    @Test
    void reportsOneFlippedByte() throws IOException {
        byte[] bytes = Files.readAllBytes(copy.resolve("a.bin"));
        bytes[4321] ^= 1;
        long mtime = mtime(copy.resolve("a.bin"));
        Files.write(copy.resolve("a.bin"), bytes);
        setMtime(copy.resolve("a.bin"), mtime);

        assertThat(TreeComparison.between(source, copy).differences())
                .singleElement()
                .asString()
                .startsWith("a.bin: content sha256");
    }

    @Test
    void reportsModeMtimeNanosecondsAndLinkTargets() throws IOException {
        Files.setPosixFilePermissions(copy.resolve("dir/b.bin"), PosixFilePermissions.fromString("rwxr-xr-x"));
        setMtime(copy.resolve("a.bin"), mtime(source.resolve("a.bin")) + 1);
        Files.delete(copy.resolve("link"));
        Files.createSymbolicLink(copy.resolve("link"), Path.of("dir/b.bin"));
        setMtime(copy.resolve("link"), 1_600_000_000_123_456_000L);
        setMtime(copy, 1_600_000_000_000_000_000L);

        assertThat(TreeComparison.between(source, copy).differences())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("dir/b.bin: mode 0644 in the source, 0755"))
                .anySatisfy(line -> assertThat(line).startsWith("a.bin: mtime"))
                .anySatisfy(line -> assertThat(line).startsWith("link: link to 'a.bin'"));
    }

    @Test
    void reportsMissingExtraAndRetypedEntries() throws IOException {
        Files.delete(copy.resolve("dir/b.bin"));
        Files.writeString(copy.resolve(".a.bin.meshlift-part"), "x");
        Files.delete(copy.resolve("link"));
        Files.copy(source.resolve("a.bin"), copy.resolve("link"));

        assertThat(TreeComparison.between(source, copy).ignoringRootMtime().differences())
                .anySatisfy(line -> assertThat(line).startsWith("dir/b.bin: missing at the destination"))
                .anySatisfy(line -> assertThat(line).startsWith(".a.bin.meshlift-part: only at the destination"))
                .anySatisfy(line -> assertThat(line).startsWith("link: SYMLINK in the source, FILE"));
    }

    @Test
    void comparesSymlinkTimesAtMicrosecondsOnly() throws IOException {
        setMtime(copy.resolve("link"), 1_600_000_000_123_456_999L);

        assertThat(TreeComparison.between(source, copy).differences()).isEmpty();
    }

    @Test
    void contentScanFindsAMarkerAcrossBufferBoundaries() throws IOException {
        byte[] marker = "CANARY-MARKER".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] big = new byte[(1 << 20) + 100];
        System.arraycopy(marker, 0, big, (1 << 20) - 5, marker.length);
        Files.write(copy.resolve("dir/straddling.bin"), big);

        assertThat(ContentScan.filesContaining(copy, marker)).containsExactly("dir/straddling.bin");
        assertThat(ContentScan.filesContaining(source, marker)).isEmpty();
    }

    private static long mtime(Path path) throws IOException {
        return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
    }

    private static void setMtime(Path path, long nanos) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
    }
}
