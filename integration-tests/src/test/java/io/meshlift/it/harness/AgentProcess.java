package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A real agent JVM started from the packaged runner, with its own free ports, state directory and
 * volumes. Its output goes to a log file; the process is only ever signalled by its own PID.
 *
 * <p>Lifecycle: {@link #start()} launches it and returns once {@code /q/health/ready} answers;
 * {@link #stopGracefully()} sends SIGTERM, {@link #kill9()} SIGKILL; {@link #restart()} starts it
 * again with exactly the same configuration (ports, state, volumes). {@link #close()} stops it if
 * it still runs.
 */
public final class AgentProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Agents of this JVM still running; killed (each by its own handle) if the test JVM exits first. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "agent-reaper"));
    }

    private final String id;
    private final AgentFiles tls;
    private final Path caCertificate;
    private final Map<String, Path> volumes;
    private final Map<String, String> properties;
    private final Path stateDir;
    private final Path logFile;
    private final int peerPort;
    private final int httpPort;
    private final AdminClient admin;
    private Process process;
    private int starts;

    private AgentProcess(Builder builder) {
        this.id = builder.id;
        this.tls = builder.mesh.agent(builder.id);
        this.caCertificate = builder.mesh.caCertificate();
        this.volumes = Map.copyOf(builder.volumes);
        this.properties = Map.copyOf(builder.properties);
        this.stateDir = builder.workspace.dir("agents", builder.id, "state");
        this.logFile = builder.workspace.logs().resolve(builder.id + ".log");
        this.peerPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.admin = new AdminClient(httpPort);
    }

    public static Builder builder(String id, LocalMeshFixture mesh, Workspace workspace) {
        return new Builder(id, mesh, workspace);
    }

    public static final class Builder {
        private final String id;
        private final LocalMeshFixture mesh;
        private final Workspace workspace;
        private final Map<String, Path> volumes = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String id, LocalMeshFixture mesh, Workspace workspace) {
            this.id = id;
            this.mesh = mesh;
            this.workspace = workspace;
        }

        /** Exposes {@code root} as volume {@code name}; the directory is created if missing. */
        public Builder volume(String name, Path root) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            volumes.put(name, root.toAbsolutePath());
            return this;
        }

        /** An extra {@code -Dkey=value}, e.g. {@code agent.coordinator.address}; wins over the harness's own. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** The agent, not yet started. */
        public AgentProcess build() {
            return new AgentProcess(this);
        }

        /** Starts the agent and waits until it is ready. */
        public AgentProcess start() {
            AgentProcess agent = build();
            agent.start();
            return agent;
        }
    }

    /** Launches the JVM without waiting; pair with {@link #awaitReady()} to start several at once. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("agent " + id + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dagent.id=" + id);
        volumes.forEach((name, root) -> command.add("-Dagent.volumes." + name + "=" + root));
        command.add("-Dagent.state-dir=" + stateDir);
        command.add("-Dagent.tls.cert=" + tls.certificate());
        command.add("-Dagent.tls.key=" + tls.privateKey());
        command.add("-Dagent.tls.ca=" + caCertificate);
        command.add("-Dagent.peer.host=127.0.0.1");
        command.add("-Dagent.peer.port=" + peerPort);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LC_ALL");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LANG", "C.UTF-8");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        starts++;
        appendToLog("==== start #" + starts + " of agent " + id + " at " + Instant.now() + ": "
                + String.join(" ", command));
        try {
            process = builder.start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start agent " + id, e);
        }
    }

    /** Waits until the agent answers ready; fails early, with the log's tail, if the JVM exits. */
    public void awaitReady() {
        Process current = process;
        try {
            Awaitility.await("agent " + id + " ready on port " + httpPort)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("agent " + id + " exited during startup", () -> !current.isAlive())
                    .until(admin::ready);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n--- last lines of " + logFile + " ---\n" + logTail(40), e);
        }
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGTERM, then waits for the JVM to exit (Quarkus shuts down cleanly). */
    public synchronized void stopGracefully() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit()) {
            appendToLog("==== agent " + id + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
            kill9();
        }
    }

    /** SIGKILL to this agent's own PID: no shutdown hooks, no flushing, exactly like a power cut for the process. */
    public synchronized void kill9() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("agent " + id + " is not running");
        }
        appendToLog("==== kill -9 of agent " + id + " (pid " + process.pid() + ") at " + Instant.now());
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new IllegalStateException("agent " + id + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** Starts the agent again with the same ports, state directory and volumes. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("stop agent " + id + " before restarting it");
        }
        start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String id() {
        return id;
    }

    public int peerPort() {
        return peerPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public AdminClient admin() {
        return admin;
    }

    public Path volume(String name) {
        Path root = volumes.get(name);
        if (root == null) {
            throw new IllegalArgumentException("agent " + id + " has no volume " + name);
        }
        return root;
    }

    public Path stateDir() {
        return stateDir;
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
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path runner() {
        String configured = System.getProperty("meshlift.agent.runner");
        Path runner = configured == null
                ? Path.of("..", "agent", "target", "quarkus-app", "quarkus-run.jar")
                : Path.of(configured);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("agent runner " + runner.toAbsolutePath()
                    + " is missing; build it with: mvn -o install -DskipTests -pl proto,core,agent");
        }
        return runner.toAbsolutePath().normalize();
    }
}
