package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

/**
 * A real coordinator JVM started from the packaged runner: embedded H2 in its own data directory,
 * the control channel (mTLS gRPC) on a free loopback port with a mesh certificate issued to
 * {@code coordinator}, and the REST API on another free loopback port. Its output goes to
 * {@code logs/coordinator.log}; the process is only ever signalled by its own PID.
 *
 * <p>Lifecycle: {@link #start()} launches it and returns once {@code /q/health/ready} answers;
 * {@link #stopGracefully()} sends SIGTERM, {@link #kill9()} SIGKILL; {@link #restart()} starts it
 * again with the same ports, data directory and properties. {@link #close()} stops it if it still
 * runs.
 */
public final class CoordinatorProcess implements AutoCloseable {

    /** The identity agents expect on the coordinator's certificate by default ({@code agent.coordinator.identity}). */
    public static final String IDENTITY = "coordinator";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "coordinator-reaper"));
    }

    private final AgentFiles tls;
    private final Path caCertificate;
    private final Path dataDir;
    private final Path logFile;
    private final int controlPort;
    private final int httpPort;
    private final Map<String, String> properties;
    private final AdminClient health;
    private Process process;
    private int starts;

    private CoordinatorProcess(Builder builder) {
        this.tls = builder.mesh.agent(IDENTITY);
        this.caCertificate = builder.mesh.caCertificate();
        this.dataDir = builder.workspace.dir("coordinator", "data");
        this.logFile = builder.workspace.logs().resolve("coordinator.log");
        this.controlPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.properties = Map.copyOf(builder.properties);
        // Only its readiness probe is used: /q/health/ready is the same path on agent and coordinator.
        this.health = new AdminClient(httpPort);
    }

    /**
     * @param mesh must hold a certificate for {@link #IDENTITY}
     *     ({@code LocalMeshFixture.create(dir, ..., CoordinatorProcess.IDENTITY)})
     */
    public static Builder builder(LocalMeshFixture mesh, Workspace workspace) {
        return new Builder(mesh, workspace);
    }

    public static final class Builder {
        private final LocalMeshFixture mesh;
        private final Workspace workspace;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(LocalMeshFixture mesh, Workspace workspace) {
            this.mesh = mesh;
            this.workspace = workspace;
        }

        /** An extra {@code -Dkey=value} (e.g. {@code coordinator.control.heartbeat-interval}); wins over the defaults. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public CoordinatorProcess build() {
            return new CoordinatorProcess(this);
        }

        /** Starts the coordinator and waits until it is ready. */
        public CoordinatorProcess start() {
            CoordinatorProcess coordinator = build();
            coordinator.start();
            return coordinator;
        }
    }

    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the coordinator is already running (pid " + process.pid() + ")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("coordinator.data-dir", dataDir.toString());
        settings.put("coordinator.tls.cert", tls.certificate().toString());
        settings.put("coordinator.tls.key", tls.privateKey().toString());
        settings.put("coordinator.tls.ca", caCertificate.toString());
        settings.put("coordinator.control.host", "127.0.0.1");
        settings.put("coordinator.control.port", Integer.toString(controlPort));
        settings.put("quarkus.http.host", "127.0.0.1");
        settings.put("quarkus.http.port", Integer.toString(httpPort));
        settings.putAll(properties);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C.UTF-8");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        starts++;
        appendToLog(
                "==== start #" + starts + " of the coordinator at " + Instant.now() + ": " + String.join(" ", command));
        try {
            process = builder.start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the coordinator", e);
        }
    }

    /** Waits until the coordinator answers ready; fails early, with the log's tail, if the JVM exits. */
    public void awaitReady() {
        Process current = process;
        try {
            Awaitility.await("coordinator ready on port " + httpPort)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the coordinator exited during startup", () -> !current.isAlive())
                    .until(health::ready);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n--- last lines of " + logFile + " ---\n" + logTail(60), e);
        }
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGTERM, then waits for the JVM to exit. */
    public synchronized void stopGracefully() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit()) {
            appendToLog("==== the coordinator ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
            kill9();
        }
    }

    /** SIGKILL to the coordinator's own PID. */
    public synchronized void kill9() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the coordinator is not running");
        }
        appendToLog("==== kill -9 of the coordinator (pid " + process.pid() + ") at " + Instant.now());
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new IllegalStateException("the coordinator (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** Starts the coordinator again with the same ports, data directory and properties. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("stop the coordinator before restarting it");
        }
        start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code 127.0.0.1:<port>} of the control channel, the value of the agents' {@code agent.coordinator.address}. */
    public String controlAddress() {
        return "127.0.0.1:" + controlPort;
    }

    public int controlPort() {
        return controlPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:<port>}: the REST API is under {@code /api/v1}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        stopGracefully();
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

    private static Path runner() {
        String configured = System.getProperty("meshlift.coordinator.runner");
        Path runner = configured == null
                ? Path.of("..", "coordinator", "target", "quarkus-app", "quarkus-run.jar")
                : Path.of(configured);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("coordinator runner " + runner.toAbsolutePath()
                    + " is missing; build it with: mvn -o install -DskipTests -pl proto,core,coordinator");
        }
        return runner.toAbsolutePath().normalize();
    }
}
