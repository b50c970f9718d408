package io.meshlift.core.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetSurveyorTest {

    @TempDir
    Path root;

    @BeforeEach
    void createDataset() throws IOException, InterruptedException {
        write("a.bin", 1000);
        write("b.tmp", 7);
        write("logs/x.log", 300);
        write("logs/y.bin", 20);
        write("deep/er/z.bin", 4);
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.bin"));
        new ProcessBuilder("mkfifo", root.resolve("pipe").toString())
                .inheritIO()
                .start()
                .waitFor();
    }

    @Test
    void countsWhatTheManifestListsWithTheSameFilter() throws Exception {
        PathFilter filter = new PathFilter(List.of(), List.of("*.tmp", "logs/*.log"));

        DatasetSurvey survey = new DatasetSurveyor(filter).survey(root);
        ManifestSummary manifest =
                new ManifestBuilder(ChunkLayout.DEFAULT, HashCache.NONE, filter).build(root, e -> {});

        assertThat(survey.files()).isEqualTo(manifest.files()).isEqualTo(3);
        assertThat(survey.bytes()).isEqualTo(manifest.bytes()).isEqualTo(1000 + 20 + 4);
        assertThat(survey.files() + survey.directories() + survey.symlinks()).isEqualTo(manifest.entries());
        assertThat(survey.directories()).isEqualTo(4); // logs, deep, deep/er, empty
        assertThat(survey.symlinks()).isEqualTo(1);
        assertThat(survey.skipped()).isEqualTo(manifest.skippedCount()).isEqualTo(1); // the FIFO
    }

    @Test
    void includeListLimitsFilesButStillWalksDirectories() throws Exception {
        DatasetSurvey survey = new DatasetSurveyor(new PathFilter(List.of("*.bin"), List.of())).survey(root);

        assertThat(survey.files()).isEqualTo(3);
        assertThat(survey.bytes()).isEqualTo(1024);
    }

    @Test
    void refusesARootThatIsNotADirectory() {
        assertThatThrownBy(() -> new DatasetSurveyor(PathFilter.ALL).survey(root.resolve("a.bin")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a directory");
    }

    private void write(String relative, int size) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }
}
