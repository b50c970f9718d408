package io.meshlift.core.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileChangeMonitorTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private Path file;
    private FileChangeMonitor monitor;

    @BeforeEach
    void watch() throws Exception {
        file = Files.writeString(dir.resolve("watched"), "one");
        monitor = new FileChangeMonitor(clock, List.of(file));
    }

    @Test
    void reportsNothingWhenFileIsUnchanged() {
        clock.advance(Duration.ofSeconds(5));

        assertThat(monitor.pollChanged()).isFalse();
    }

    @Test
    void reportsSameSizeRewriteOnceItsMtimeMoves() throws Exception {
        Files.writeString(file, "two");
        PkiFixtures.touchForward(file, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));

        assertThat(monitor.pollChanged()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.pollChanged()).as("reported once").isFalse();
    }

    @Test
    void looksAtMostOncePerSecond() throws Exception {
        Files.writeString(file, "changed");
        clock.advance(Duration.ofMillis(999));

        assertThat(monitor.pollChanged()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(monitor.pollChanged()).isTrue();
    }

    @Test
    void reportsDeletionAndRecreation() throws Exception {
        Files.delete(file);
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.pollChanged()).isTrue();

        Files.writeString(file, "one");
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.pollChanged()).isTrue();
    }

    @Test
    void looksAgainWhenClockStepsBack() throws Exception {
        Files.writeString(file, "changed");
        clock.advance(Duration.ofHours(-1));

        assertThat(monitor.pollChanged()).isTrue();
    }
}
