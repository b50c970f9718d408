package io.meshlift.quickstart;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Quarkus runner (coordinator or agent) started as a JVM of its own that outlives the launcher: output to a
 * log file, no terminal input, its PID recorded at once. Secrets go in the environment, never on the command
 * line (which every local user can read).
 */
final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    static ServiceProcess start(
            String name,
            Path runner,
            String heap,
            Map<String, String> properties,
            Map<String, String> secretEnvironment,
            int httpPort,
            WorkDir work) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner.toString());
        Path log = work.logs().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // File names are UTF-8 on the wire; the agent refuses to start under another encoding.
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(secretEnvironment);
        try {
            Process process = builder.start();
            work.pidFiles().record(name, List.of(process.pid()));
            return new ServiceProcess(name, process, log, httpPort);
        } catch (IOException e) {
            throw new QuickstartException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails at once, with the log's tail, if the JVM exits. */
    void awaitReady() {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!answers(ready)) {
            if (!process.isAlive()) {
                throw new QuickstartException(name + " exited with status " + process.exitValue()
                        + " during start-up; see " + log + ":\n" + tail(20));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new QuickstartException(
                        name + " was not ready within " + READY_TIMEOUT.toMinutes() + " min; see " + log);
            }
            Pause.of(Duration.ofMillis(500));
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private static boolean answers(URI uri) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickstartException("interrupted while waiting for " + uri);
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }
}
