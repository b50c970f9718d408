package io.meshlift.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One file per service under {@code pids/}, one PID a line, written as soon as the process exists so that
 * {@code bin/quickstart --stop} can stop exactly what was started, even after a failed or interrupted run.
 */
final class PidFiles {

    private final Path dir;
    private final String workRoot;

    /**
     * @param workRoot every process the quickstart starts names it on its command line: a recycled PID that
     *     belongs to something else is told apart by it
     */
    PidFiles(Path dir, Path workRoot) {
        this.dir = dir;
        this.workRoot = workRoot.toString();
    }

    void record(String service, List<Long> pids) {
        String lines = pids.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(service + ".pid"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the PIDs of " + service, e);
        }
    }

    /** Whether a recorded PID still names a live process (used to refuse starting over a running quickstart). */
    boolean anyAlive() {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()
                            && ProcessHandle.of(Long.parseLong(line.strip()))
                                    .filter(ProcessHandle::isAlive)
                                    .flatMap(handle -> handle.info().commandLine())
                                    .map(command -> command.contains(workRoot))
                                    .orElse(false)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PID files in " + dir, e);
        }
    }
}
