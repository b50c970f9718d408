package io.meshlift.agent.coordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.path.Volumes;
import io.meshlift.proto.control.v1.SurveyRequest;
import io.meshlift.proto.control.v1.SurveyResult;

import static org.assertj.core.api.Assertions.assertThat;

class SurveysTest {

    @TempDir
    Path volume;

    @TempDir
    Path outside;

    private Surveys surveys;

    @BeforeEach
    void createDataset() throws Exception {
        write("ds/a.bin", 100);
        write("ds/b.tmp", 5);
        write("ds/sub/c.bin", 40);
        write("other/d.bin", 1);
        Files.writeString(outside.resolve("secret"), "not yours");
        Files.createSymbolicLink(volume.resolve("escape"), outside);
        surveys = new Surveys(Volumes.of(Map.of("data", volume)), Executors.defaultThreadFactory());
    }

    @AfterEach
    void close() {
        surveys.close();
    }

    @Test
    void countsFilesAndBytesWithThePlansFilters() {
        SurveyResult result =
                surveys.run(request("data", "ds").addExclude("*.tmp").build());

        assertThat(result.getError()).isEmpty();
        assertThat(result.getSurveyId()).isEqualTo("s-1");
        assertThat(result.getFiles()).isEqualTo(2);
        assertThat(result.getBytes()).isEqualTo(140);
        assertThat(result.getDirectories()).isEqualTo(1);
    }

    @Test
    void theWholeVolumeWhenThePathIsEmpty() {
        SurveyResult result = surveys.run(request("data", "").build());

        assertThat(result.getFiles()).isEqualTo(4);
        assertThat(result.getBytes()).isEqualTo(146);
        assertThat(result.getSymlinks()).isEqualTo(1); // listed, never followed
    }

    @Test
    void refusesPathsThatLeaveTheVolume() {
        assertThat(surveys.run(request("data", "../").build()).getError()).contains("..");
        assertThat(surveys.run(request("data", "/etc").build()).getError()).isNotEmpty();
        SurveyResult viaLink = surveys.run(request("data", "escape").build());
        assertThat(viaLink.getError()).isNotEmpty();
        assertThat(viaLink.getFiles()).isZero();
    }

    @Test
    void namesAnUnknownVolumeAMissingPathAndABadPattern() {
        assertThat(surveys.run(request("nope", "ds").build()).getError()).contains("nope");
        assertThat(surveys.run(request("data", "missing").build()).getError()).contains("missing");
        assertThat(surveys.run(request("data", "ds/a.bin").build()).getError()).contains("not a directory");
        assertThat(surveys.run(request("data", "ds").addExclude("[").build()).getError())
                .contains("invalid glob pattern '['");
    }

    @Test
    void answersFromItsOwnWorkerThread() throws Exception {
        CompletableFuture<SurveyResult> answer = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        surveys.survey(request("data", "ds").build(), result -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            answer.complete(result);
        });

        assertThat(answer.get(10, TimeUnit.SECONDS).getFiles()).isEqualTo(3);
    }

    private static SurveyRequest.Builder request(String volume, String path) {
        return SurveyRequest.newBuilder().setSurveyId("s-1").setVolume(volume).setPath(path);
    }

    private void write(String relative, int size) throws Exception {
        Path file = volume.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }
}
