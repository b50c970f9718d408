package io.meshlift.core.path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.meshlift.core.path.VolumeFixtures.CANARY;
import static io.meshlift.core.path.VolumeFixtures.mkfifo;
import static io.meshlift.core.path.VolumeFixtures.p;
import static io.meshlift.core.path.VolumeFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link VolumeRoot#openForRead}: most cases run against both the descriptor walk and the path-walk fallback,
 * which must refuse exactly the same things.
 */
class VolumeRootOpenForReadTest {

    @TempDir
    Path tmp;

    Path volumeDir;
    Path outside;
    VolumeRoot volume;

    @BeforeEach
    void createVolumeAndOutsideSecret() throws IOException {
        VolumeFixtures fixtures = VolumeFixtures.create(tmp);
        volumeDir = fixtures.volumeDir;
        outside = fixtures.outside;
        volume = fixtures.volume;
    }

    static Stream<Arguments> openers() {
        BiFunction<VolumeRoot, RelativePath, FileChannel> secure = VolumeRoot::openForRead;
        BiFunction<VolumeRoot, RelativePath, FileChannel> byPath = VolumeRoot::openForReadByPath;
        return Stream.of(Arguments.of("openForRead", secure), Arguments.of("openForReadByPath", byPath));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadRefusesSymlinkedParentAnywhereOnThePath(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws IOException {
        Files.createDirectories(volumeDir.resolve("a/real"));
        Files.writeString(volumeDir.resolve("a/real/f"), "inside");
        Files.createSymbolicLink(volumeDir.resolve("a/inside"), Path.of("real"));
        Files.createSymbolicLink(volumeDir.resolve("a/evil"), outside);

        assertThatThrownBy(() -> open.apply(volume, p("a/evil/secret.txt")))
                .isInstanceOf(PathEscapeException.class)
                .hasMessageContaining("'a/evil'")
                .hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> open.apply(volume, p("a/inside/f")))
                .isInstanceOf(PathEscapeException.class)
                .hasMessageContaining("'a/inside'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadRefusesFinalSymlinkToEtcPasswd(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws IOException {
        Files.createSymbolicLink(volumeDir.resolve("passwd"), Path.of("/etc/passwd"));

        PathEscapeException e = catchThrowableOfType(PathEscapeException.class, () -> open.apply(volume, p("passwd")));

        assertThat(e.component()).contains("passwd");
        assertThat(e.getMessage()).doesNotContain("root:", "/etc");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadRefusesFinalSymlinkBeforeAnyRead(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws IOException {
        Files.createSymbolicLink(volumeDir.resolve("leak"), outside.resolve("secret.txt"));

        // The API's only way to hand out content is the returned channel: none is returned, and the
        // exception carries no byte of the target.
        PathEscapeException e = catchThrowableOfType(PathEscapeException.class, () -> open.apply(volume, p("leak")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.getCause()).isNull();
        assertThat(e.getSuppressed()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void neverOpensTheTargetOfAFinalSymlink(String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open)
            throws Exception {
        // Opening a FIFO for reading blocks until a writer appears, and there is none: if the implementation
        // ever called open(2) on the link's target, this test would time out instead of seeing the refusal.
        Path fifo = outside.resolve("fifo");
        mkfifo(fifo);
        Files.createSymbolicLink(volumeDir.resolve("trap"), fifo);

        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> open.apply(volume, p("trap"))).isInstanceOf(PathEscapeException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadRefusesFifoInsideVolumeWithoutBlocking(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws Exception {
        mkfifo(volumeDir.resolve("fifo"));

        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> open.apply(volume, p("fifo")))
                        .isExactlyInstanceOf(PathRejectedException.class)
                        .hasMessageContaining("special file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadRefusesDirectoryWhereFileIsExpected(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws IOException {
        Files.createDirectories(volumeDir.resolve("a/dir"));

        assertThatThrownBy(() -> open.apply(volume, p("a/dir")))
                .isExactlyInstanceOf(PathRejectedException.class)
                .hasMessageContaining("is a directory, not a regular file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void openForReadReadsRegularFileAndReportsMissingOne(
            String opener, BiFunction<VolumeRoot, RelativePath, FileChannel> open) throws IOException {
        Files.createDirectories(volumeDir.resolve("a/b"));
        Files.writeString(volumeDir.resolve("a/b/c.txt"), "hello");

        assertThat(read(open.apply(volume, p("a/b/c.txt")))).isEqualTo("hello");
        assertThatThrownBy(() -> open.apply(volume, p("a/b/missing"))).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> open.apply(volume, p("a/x/missing"))).isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void openForReadUsesTheDescriptorWalkOnLinux() throws IOException {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux has SecureDirectoryStream");
        Files.createDirectories(volumeDir.resolve("a"));
        Files.writeString(volumeDir.resolve("a/f"), "via openat");

        // Otherwise openForRead would silently run on the weaker path-walk fallback.
        assertThat(SecureDirectoryOpener.open(volume, p("a/f"))).hasValueSatisfying(channel -> {
            try {
                assertThat(read(channel)).isEqualTo("via openat");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void openForReadRefusesTheRoot() {
        assertThatThrownBy(() -> volume.openForRead(RelativePath.ROOT)).isInstanceOf(PathRejectedException.class);
    }
}
