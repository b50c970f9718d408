package io.meshlift.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator as a real JVM started from its packaged runner (built with the {@code postgres} profile),
 * with a fixed heap, logging to a file. Only the process this object started is ever signalled.
 *
 * <p>Settings go on the command line as {@code -Dkey=value}; secrets (none are needed by the benchmarks
 * but the database password placeholder) go into the environment, never onto the command line.
 */
public final class CoordinatorJvm implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final Path runner;
    private final Path logFile;
    private final String heap;
    private final Map<String, String> settings;
    private final int httpPort;
    private Process process;

    public CoordinatorJvm(Path runner, Path logFile, String heap, Map<String, String> settings) {
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("coordinator runner " + runner + " is missing; build it with"
                    + " bench/control-plane/run.sh (mvn -pl coordinator,bench -am package -Dquarkus.profile=postgres)");
        }
        this.runner = runner;
        this.logFile = logFile;
        this.heap = heap;
        this.settings = new LinkedHashMap<>(settings);
        this.httpPort = FreePorts.next();
        this.settings.put("quarkus.http.host", "127.0.0.1");
        this.settings.put("quarkus.http.port", Integer.toString(httpPort));
    }

    /** Starts the JVM and returns once {@code /q/health/ready} answers 200. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-Dquarkus.profile=postgres");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        // The embedded server trusts loopback connections; the profile still resolves ${MESHLIFT_DB_PASSWORD}.
        builder.environment().put("MESHLIFT_DB_PASSWORD", "unused");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the coordinator", e);
        }
        awaitReady();
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the coordinator exited during start-up; see " + logFile);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the coordinator", e);
            }
            Pause.millis(250);
        }
        throw new IllegalStateException("the coordinator was not ready within " + STARTUP_TIMEOUT + "; see " + logFile);
    }

    /** SIGTERM to its own PID, SIGKILL after 30 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
