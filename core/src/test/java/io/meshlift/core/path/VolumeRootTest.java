package io.meshlift.core.path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meshlift.core.path.VolumeFixtures.CANARY;
import static io.meshlift.core.path.VolumeFixtures.p;
import static io.meshlift.core.path.VolumeFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Resolution and parent creation below a volume root; opening for read is in {@link VolumeRootOpenForReadTest}. */
class VolumeRootTest {

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

    @Test
    void storesRealPathOfRootOpenedThroughSymlink() throws IOException {
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), volumeDir);

        VolumeRoot opened = VolumeRoot.open("data", alias);

        assertThat(opened.root()).isEqualTo(volumeDir.toRealPath());
        assertThat(opened.name()).isEqualTo("data");
    }

    @Test
    void refusesRootThatDoesNotExistOrIsNotADirectory() {
        assertThatThrownBy(() -> VolumeRoot.open("data", tmp.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> VolumeRoot.open("data", outside.resolve("secret.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-data", "../x", "a/b", "a b", "da\u0000ta"})
    void refusesInvalidVolumeName(String name) {
        assertThatThrownBy(() -> VolumeRoot.open(name, volumeDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid volume name")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void resolvesExistingNestedFileAndRoot() throws IOException {
        Files.createDirectories(volumeDir.resolve("a/b"));
        Files.writeString(volumeDir.resolve("a/b/c.txt"), "hello");

        assertThat(volume.resolveExisting(p("a/b/c.txt")))
                .isEqualTo(volume.root().resolve("a/b/c.txt"));
        assertThat(volume.resolveExisting(RelativePath.ROOT)).isEqualTo(volume.root());
        assertThat(volume.resolveIfPresent(p("a/b"))).contains(volume.root().resolve("a/b"));
    }

    @Test
    void reportsFirstMissingComponent() {
        PathNotFoundException e =
                catchThrowableOfType(PathNotFoundException.class, () -> volume.resolveExisting(p("a/b/c")));

        assertThat(e.volume()).isEqualTo("data");
        assertThat(e.path()).isEqualTo("a/b/c");
        assertThat(e.missing()).isEqualTo("a");
        assertThat(volume.resolveIfPresent(p("a/b/c"))).isEmpty();
    }

    @Test
    void refusesParentThatIsSymlinkOutsideVolume() throws IOException {
        Files.createSymbolicLink(volumeDir.resolve("evil"), outside);

        PathEscapeException e =
                catchThrowableOfType(PathEscapeException.class, () -> volume.resolveExisting(p("evil/secret.txt")));

        assertThat(e.volume()).contains("data");
        assertThat(e.component()).contains("evil");
        assertThat(e.input()).isEqualTo("evil/secret.txt");
        assertThat(e.getMessage()).contains("symbolic link").doesNotContain(tmp.toString(), CANARY);
        assertThatThrownBy(() -> volume.resolveIfPresent(p("evil/secret.txt"))).isInstanceOf(PathEscapeException.class);
        assertThatThrownBy(() -> volume.resolveIfPresent(p("evil/missing"))).isInstanceOf(PathEscapeException.class);
    }

    @Test
    void refusesParentThatIsSymlinkInsideVolume() throws IOException {
        Files.createDirectories(volumeDir.resolve("real"));
        Files.writeString(volumeDir.resolve("real/file.txt"), "inside");
        Files.createSymbolicLink(volumeDir.resolve("alias"), Path.of("real"));

        PathEscapeException e =
                catchThrowableOfType(PathEscapeException.class, () -> volume.resolveExisting(p("alias/file.txt")));

        assertThat(e.component()).contains("alias");
        assertThat(volume.resolveExisting(p("real/file.txt"))).exists();
    }

    @Test
    void returnsFinalSymlinkAsTheLinkItself() throws IOException {
        Files.createSymbolicLink(volumeDir.resolve("passwd"), Path.of("/etc/passwd"));

        Path resolved = volume.resolveExisting(p("passwd"));

        assertThat(resolved).isEqualTo(volume.root().resolve("passwd"));
        assertThat(Files.isSymbolicLink(resolved)).isTrue();
        assertThat(Files.readSymbolicLink(resolved)).isEqualTo(Path.of("/etc/passwd"));
    }

    @Test
    void refusesIntermediateComponentThatIsAFile() throws IOException {
        Files.writeString(volumeDir.resolve("file.txt"), "x");

        assertThatThrownBy(() -> volume.resolveExisting(p("file.txt/x")))
                .isExactlyInstanceOf(PathRejectedException.class)
                .hasMessageContaining("'file.txt': is a regular file, not a directory");
        assertThatThrownBy(() -> volume.resolveForWrite(p("file.txt/x")))
                .isExactlyInstanceOf(PathRejectedException.class);
        assertThatThrownBy(() -> volume.openForRead(p("file.txt/x"))).isExactlyInstanceOf(PathRejectedException.class);
    }

    @Test
    void resolveForWriteCreatesMissingParentsButNotTheTarget() {
        Path target = volume.resolveForWrite(p("a/b/c.txt"));

        assertThat(target).isEqualTo(volume.root().resolve("a/b/c.txt"));
        assertThat(volume.root().resolve("a/b")).isDirectory();
        assertThat(target).doesNotExist();
    }

    @Test
    void resolveForWriteReturnsExistingDirectoryTargetForTheCallerToDecide() throws IOException {
        Files.createDirectories(volumeDir.resolve("a/dir"));

        assertThat(volume.resolveForWrite(p("a/dir"))).isDirectory();
        assertThat(volume.resolveForWrite(RelativePath.ROOT)).isEqualTo(volume.root());
    }

    @Test
    void resolveForWriteDoesNotCreateParentsThroughSymlinkedParent() throws IOException {
        Files.createDirectories(volumeDir.resolve("a"));
        Files.createSymbolicLink(volumeDir.resolve("a/evil"), outside);
        Files.createSymbolicLink(volumeDir.resolve("inside"), Path.of("a"));

        assertThatThrownBy(() -> volume.resolveForWrite(p("a/evil/sub/new.txt")))
                .isInstanceOf(PathEscapeException.class)
                .hasMessageContaining("'a/evil'");
        assertThatThrownBy(() -> volume.resolveForWrite(p("a/evil/new.txt"))).isInstanceOf(PathEscapeException.class);
        assertThatThrownBy(() -> volume.resolveForWrite(p("inside/x/new.txt"))).isInstanceOf(PathEscapeException.class);

        assertThat(outside.resolve("sub")).doesNotExist();
        assertThat(volumeDir.resolve("a/x")).doesNotExist();
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries.map(e -> e.getFileName().toString())).containsExactly("secret.txt");
        }
    }

    @Test
    void detectsParentSwappedForSymlinkAfterTheWalk() throws IOException {
        // What the re-check after open / after mkdir sees when a checked directory was replaced by a link.
        Files.createSymbolicLink(volumeDir.resolve("swapped"), outside);

        assertThatThrownBy(() ->
                        volume.verifyRealPath(volume.root().resolve("swapped"), p("swapped/secret.txt"), p("swapped")))
                .isInstanceOf(PathEscapeException.class)
                .hasMessageContaining("replaced by a symbolic link")
                .hasMessageNotContaining(outside.toString());
    }

    @Test
    void treatsFullwidthDotsAsAnOrdinaryNameInsideTheRoot() throws IOException {
        Path target = volume.resolveForWrite(p("\uff0e\uff0e/\uff0e\uff0e/x"));
        Files.writeString(target, "stays inside");

        assertThat(target.getParent().toRealPath())
                .isEqualTo(volume.root().resolve("\uff0e\uff0e").resolve("\uff0e\uff0e"))
                .startsWith(volume.root());
        assertThat(read(volume.openForRead(p("\uff0e\uff0e/\uff0e\uff0e/x")))).isEqualTo("stays inside");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void keepsNfcAndNfdNamesAsDistinctFilesWithByteExactNames() throws IOException {
        String nfc = "caf\u00e9";
        String nfd = "cafe\u0301";
        Files.writeString(volume.resolveForWrite(p(nfc)), "nfc");
        Files.writeString(volume.resolveForWrite(p(nfd)), "nfd");

        List<byte[]> names;
        try (Stream<Path> entries = Files.list(volumeDir)) {
            names = entries.map(e -> e.getFileName().toString().getBytes(StandardCharsets.UTF_8))
                    .toList();
        }

        assertThat(names)
                .hasSize(2)
                .anySatisfy(n -> assertThat(n).containsExactly('c', 'a', 'f', 0xC3, 0xA9))
                .anySatisfy(n -> assertThat(n).containsExactly('c', 'a', 'f', 'e', 0xCC, 0x81));
        assertThat(read(volume.openForRead(p(nfc)))).isEqualTo("nfc");
        assertThat(read(volume.openForRead(p(nfd)))).isEqualTo("nfd");
    }
}
