package io.meshlift.agent.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.manifest.EntryType;
import io.meshlift.core.manifest.PathFilter;
import io.meshlift.core.path.RelativePath;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraneousEntriesTest {

    @TempDir
    Path dir;

    private Path root;
    private final List<ExtraneousEntries.Deleted> reported = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(dir.resolve("dest"));
        write("kept.txt", "listed");
        write("gone.txt", "12345");
        write("sub/kept.txt", "listed");
        write("sub/gone.txt", "x");
        write("old/deep/gone.txt", "x");
        write("logs/app.log", "excluded by the plan");
        write(".big.bin.meshlift-part", "someone's partial file");
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private long run(PathFilter filter, String... listed) throws IOException {
        try (ManifestPaths paths = ManifestPaths.create(dir.resolve("paths.mv"))) {
            for (String path : listed) {
                paths.add(RelativePath.parse(path));
            }
            return new ExtraneousEntries(root, paths, filter, reported::add).delete();
        }
    }

    @Test
    void removesWhatTheSourceNoLongerListsAndReportsEachRemoval() throws IOException {
        long deleted = run(new PathFilter(List.of(), List.of("logs")), "kept.txt", "sub", "sub/kept.txt");

        assertThat(root.resolve("kept.txt")).exists();
        assertThat(root.resolve("sub/kept.txt")).exists();
        assertThat(root.resolve("gone.txt")).doesNotExist();
        assertThat(root.resolve("sub/gone.txt")).doesNotExist();
        assertThat(root.resolve("old")).doesNotExist();
        assertThat(deleted).isEqualTo(reported.size()).isEqualTo(5);
        assertThat(reported)
                .contains(
                        new ExtraneousEntries.Deleted("gone.txt", EntryType.FILE, 5),
                        new ExtraneousEntries.Deleted("old/deep/gone.txt", EntryType.FILE, 1),
                        new ExtraneousEntries.Deleted("old/deep", EntryType.DIRECTORY, 0),
                        new ExtraneousEntries.Deleted("old", EntryType.DIRECTORY, 0));
    }

    @Test
    void keepsWhatTheFiltersLeaveOutAndPartialFiles() throws IOException {
        run(new PathFilter(List.of(), List.of("logs")), "kept.txt");

        assertThat(root.resolve("logs/app.log")).exists();
        assertThat(root.resolve(".big.bin.meshlift-part")).exists();
    }

    @Test
    void aFileOutsideTheIncludeListIsNotExtraneous() throws IOException {
        write("notes.md", "not selected by the include list");

        run(new PathFilter(List.of("*.txt"), List.of()), "kept.txt");

        assertThat(root.resolve("notes.md")).exists();
        assertThat(root.resolve("gone.txt")).doesNotExist();
    }

    @Test
    void removesLinksAsLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not in the destination");
        Path outsideDir = Files.createDirectories(dir.resolve("outside-dir"));
        Files.writeString(outsideDir.resolve("precious"), "must survive");
        Files.createSymbolicLink(root.resolve("link-to-file"), outside);
        Files.createSymbolicLink(root.resolve("link-to-dir"), outsideDir);

        run(PathFilter.ALL, "kept.txt");

        assertThat(root.resolve("link-to-file")).doesNotExist();
        assertThat(root.resolve("link-to-dir")).doesNotExist();
        assertThat(outside).hasContent("not in the destination");
        assertThat(outsideDir.resolve("precious")).hasContent("must survive");
        assertThat(reported).contains(new ExtraneousEntries.Deleted("link-to-dir", EntryType.SYMLINK, 0));
    }

    @Test
    void aDirectoryStillHoldingKeptEntriesStays() throws IOException {
        write("old/logs/keep.log", "excluded");

        run(new PathFilter(List.of(), List.of("logs")), "kept.txt");

        assertThat(root.resolve("old/logs/keep.log")).exists();
        assertThat(root.resolve("old/deep")).doesNotExist();
    }
}
