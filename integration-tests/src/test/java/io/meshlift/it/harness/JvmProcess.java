package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One JVM started from a packaged Quarkus runner, logging to a file, signalled only through its own
 * process handle. {@link AgentProcess} and {@link CoordinatorProcess} add what is specific to them.
 */
final class JvmProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** JVMs of this test JVM still running; killed (each by its own handle) if the test JVM exits first. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "meshlift-it-reaper"));
    }

    private final String name;
    private final Path logFile;
    private final Path runner;
    private Process process;
    private int starts;

    /**
     * @param name how messages name it, e.g. "agent a1"
     * @param runnerProperty system property with the runner's path (set by the pom)
     * @param module the module whose quarkus-app holds the runner, for the default path and the hint
     */
    JvmProcess(String name, Path logFile, String runnerProperty, String module) {
        this(name, logFile, runnerProperty, module, "quarkus-app");
    }

    /** @param appDir the directory under the module's target/ holding the runner, e.g. quarkus-app-postgres */
    JvmProcess(String name, Path logFile, String runnerProperty, String module, String appDir) {
        this.name = name;
        this.logFile = logFile;
        this.runner = runner(runnerProperty, module, appDir);
    }

    /** Launches {@code java -Xmx<heap> -Dk=v... -jar runner} without waiting for readiness. */
    synchronized void launch(String heap, Map<String, String> settings) {
        launch(heap, settings, Map.of());
    }

    /**
     * Like {@link #launch(String, Map)}, with extra environment variables: where secrets go, since the
     * command line (logged here, and visible to every local user) must not carry them.
     */
    synchronized void launch(String heap, Map<String, String> settings, Map<String, String> secretEnvironment) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(secretEnvironment);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        starts++;
        appendToLog(
                "==== start #" + starts + " of " + name + " at " + Instant.now() + ": " + String.join(" ", command));
        try {
            process = builder.start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code ready} holds; fails early, with the log's tail, if the JVM exits. */
    void awaitReady(BooleanSupplier ready, String where, int tailLines) {
        Process current;
        synchronized (this) {
            current = process;
        }
        try {
            Awaitility.await(name + " ready " + where)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(name + " exited during startup", () -> !current.isAlive())
                    .until(ready::getAsBoolean);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(
                    e.getMessage() + "\n--- last lines of " + logFile + " ---\n" + logTail(tailLines), e);
        }
    }

    /** SIGTERM, then waits for the JVM to exit; SIGKILL if it does not. */
    synchronized void stopGracefully() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit()) {
            appendToLog("==== " + name + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
            kill9();
        }
    }

    /** SIGKILL to its own PID: no shutdown hooks, no flushing, like a power cut for the process. */
    synchronized void kill9() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        appendToLog("==== kill -9 of " + name + " (pid " + process.pid() + ") at " + Instant.now());
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(
                    logFile,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path runner(String property, String module, String appDir) {
        String configured = System.getProperty(property);
        Path runner =
                configured == null ? Path.of("..", module, "target", appDir, "quarkus-run.jar") : Path.of(configured);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(module + " runner " + runner.toAbsolutePath()
                    + " is missing; build it with: mvn -o install -DskipTests -pl proto,core," + module);
        }
        return runner.toAbsolutePath().normalize();
    }
}
