package io.meshlift.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private final String id;
    private final AgentFiles tls;
    private final Path caCertificate;
    private final Map<String, Path> volumes;
    private final Map<String, String> properties;
    private final Path stateDir;
    private final JvmProcess jvm;
    private final int peerPort;
    private final int httpPort;
    /** The management port (metrics); a free one, as several processes share this host. */
    private final int managementPort;

    private final AdminClient admin;

    private AgentProcess(Builder builder) {
        this.id = builder.id;
        this.tls = builder.mesh.agent(builder.id);
        this.caCertificate = builder.mesh.caCertificate();
        this.volumes = Map.copyOf(builder.volumes);
        this.properties = Map.copyOf(builder.properties);
        this.stateDir = builder.workspace.dir("agents", builder.id, "state");
        this.jvm = new JvmProcess(
                "agent " + builder.id,
                builder.workspace.logs().resolve(builder.id + ".log"),
                "meshlift.agent.runner",
                "agent");
        this.peerPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.managementPort = FreePorts.next();
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

        /** Several {@link #property}s at once. */
        public Builder properties(java.util.Map<String, String> more) {
            more.forEach(this::property);
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
    public void launch() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("agent.id", id);
        volumes.forEach((name, root) -> settings.put("agent.volumes." + name, root.toString()));
        settings.put("agent.state-dir", stateDir.toString());
        settings.put("agent.tls.cert", tls.certificate().toString());
        settings.put("agent.tls.key", tls.privateKey().toString());
        settings.put("agent.tls.ca", caCertificate.toString());
        settings.put("agent.peer.host", "127.0.0.1");
        settings.put("agent.peer.port", Integer.toString(peerPort));
        settings.put("quarkus.http.host", "127.0.0.1");
        settings.put("quarkus.http.port", Integer.toString(httpPort));
        settings.put("quarkus.management.port", Integer.toString(managementPort));
        settings.putAll(properties);
        jvm.launch("256m", settings);
    }

    /** Waits until the agent answers ready; fails early, with the log's tail, if the JVM exits. */
    public void awaitReady() {
        jvm.awaitReady(admin::ready, "on port " + httpPort, 40);
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGTERM, then waits for the JVM to exit (Quarkus shuts down cleanly). */
    public void stopGracefully() {
        jvm.stopGracefully();
    }

    /** SIGKILL to this agent's own PID: no shutdown hooks, no flushing, exactly like a power cut for the process. */
    public void kill9() {
        jvm.kill9();
    }

    /** Starts the agent again with the same ports, state directory and volumes. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("stop agent " + id + " before restarting it");
        }
        start();
    }

    public boolean isAlive() {
        return jvm.isAlive();
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

    /** Where Prometheus metrics are served (loopback). */
    public URI metricsUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/metrics");
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
        return jvm.logFile();
    }

    public String logTail(int lines) {
        return jvm.logTail(lines);
    }

    @Override
    public void close() {
        stopGracefully();
    }
}
