package io.meshlift.it.harness;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.testkit.keycloak.KeycloakServer;

/**
 * A real coordinator JVM started from the packaged runner: embedded H2 in its own data directory (or,
 * with {@link Builder#postgres}, the PostgreSQL package on a shared database, one replica of several),
 * the control channel (mTLS gRPC) on a free loopback port with a mesh certificate issued to
 * {@code coordinator}, and the REST API on another free loopback port, trusting bearer tokens of the
 * {@code meshlift} realm of the JVM's shared real Keycloak ({@link KeycloakServer#shared()}, started on
 * first use; see {@link #keycloak()} for tokens). Its output goes to
 * {@code logs/<name>.log} ({@code coordinator} unless {@link Builder#name} says otherwise); the process is
 * only ever signalled by its own PID.
 *
 * <p>Lifecycle: {@link #start()} launches it and returns once {@code /q/health/ready} answers;
 * {@link #stopGracefully()} sends SIGTERM, {@link #kill9()} SIGKILL; {@link #restart()} starts it
 * again with the same ports, data directory and properties. {@link #close()} stops it if it still
 * runs.
 */
public final class CoordinatorProcess implements AutoCloseable {

    /** The identity agents expect on the coordinator's certificate by default ({@code agent.coordinator.identity}). */
    public static final String IDENTITY = "coordinator";

    private final AgentFiles tls;
    private final Path caCertificate;
    private final Path caKey;
    private final Path dataDir;
    private final JvmProcess jvm;
    private final int controlPort;
    private final int httpPort;
    /** The management port (metrics); a free one, as several processes share this host. */
    private final int managementPort;

    private final Map<String, String> properties;
    private final AdminClient health;
    private final KeycloakServer keycloak;
    private final PostgresServer postgres;

    private CoordinatorProcess(Builder builder) {
        this.tls = builder.mesh.agent(IDENTITY);
        this.caCertificate = builder.mesh.caCertificate();
        this.caKey = builder.mesh.caKey();
        this.dataDir = builder.workspace.dir(builder.name, "data");
        this.postgres = builder.postgres;
        // db-kind is fixed when Quarkus builds the app: PostgreSQL needs the package built for it.
        this.jvm = postgres == null
                ? new JvmProcess(
                        "the coordinator " + builder.name,
                        builder.workspace.logs().resolve(builder.name + ".log"),
                        "meshlift.coordinator.runner",
                        "coordinator")
                : new JvmProcess(
                        "the coordinator " + builder.name,
                        builder.workspace.logs().resolve(builder.name + ".log"),
                        "meshlift.coordinator.postgres.runner",
                        "coordinator",
                        "quarkus-app-postgres");
        this.controlPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.managementPort = FreePorts.next();
        this.properties = Map.copyOf(builder.properties);
        // Only its readiness probe is used: /q/health/ready is the same path on agent and coordinator.
        this.health = new AdminClient(httpPort);
        this.keycloak = KeycloakServer.shared();
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
        private String name = "coordinator";
        private PostgresServer postgres;

        private Builder(LocalMeshFixture mesh, Workspace workspace) {
            this.mesh = mesh;
            this.workspace = workspace;
        }

        /** Names the process's log file and data directory: replicas of one test need one each. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Runs the PostgreSQL package ({@code coordinator/target/quarkus-app-postgres}) on {@code postgres}
         * instead of embedded H2. Replicas sharing the database must also share
         * {@code coordinator.grants.key-file}, as in production.
         */
        public Builder postgres(PostgresServer postgres) {
            this.postgres = postgres;
            return this;
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

    /** Launches the JVM without waiting; pair with {@link #awaitReady()}. */
    public void launch() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("coordinator.data-dir", dataDir.toString());
        settings.put("coordinator.tls.cert", tls.certificate().toString());
        settings.put("coordinator.tls.key", tls.privateKey().toString());
        settings.put("coordinator.tls.ca", caCertificate.toString());
        settings.put("coordinator.control.host", "127.0.0.1");
        settings.put("coordinator.control.port", Integer.toString(controlPort));
        settings.put("quarkus.http.host", "127.0.0.1");
        settings.put("quarkus.http.port", Integer.toString(httpPort));
        settings.put("quarkus.management.port", Integer.toString(managementPort));
        // The realm URL, as an operator would export MESHLIFT_OIDC_URL (a system property resolves the same way).
        settings.put("MESHLIFT_OIDC_URL", keycloak.realmUrl(KeycloakServer.REALM));
        // Agents enroll (AgentEnrollment): the coordinator signs their CSRs with the mesh CA and creates
        // their Keycloak clients through the provisioner account; the control channel then requires
        // their access tokens, as in production.
        settings.put("coordinator.ca.cert", caCertificate.toString());
        settings.put("coordinator.ca.key", caKey.toString());
        settings.put("coordinator.keycloak.url", keycloak.baseUrl());
        settings.put("coordinator.control.oidc.issuer", keycloak.issuer(KeycloakServer.REALM));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("COORDINATOR_KEYCLOAK_CLIENT_SECRET", keycloak.clientSecret("meshlift-provisioner"));
        if (postgres != null) {
            settings.put("quarkus.profile", "postgres");
            settings.put("MESHLIFT_DB_URL", postgres.jdbcUrl());
            settings.put("MESHLIFT_DB_USERNAME", postgres.username());
            // The embedded server trusts local connections; the profile only needs the variable set.
            environment.put("MESHLIFT_DB_PASSWORD", "unused");
        }
        settings.putAll(properties);
        jvm.launch("384m", settings, environment);
    }

    /** Waits until the coordinator answers ready; fails early, with the log's tail, if the JVM exits. */
    public void awaitReady() {
        jvm.awaitReady(health::ready, "on port " + httpPort, 60);
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGTERM, then waits for the JVM to exit. */
    public void stopGracefully() {
        jvm.stopGracefully();
    }

    /** SIGKILL to the coordinator's own PID. */
    public void kill9() {
        jvm.kill9();
    }

    /** Starts the coordinator again with the same ports, data directory and properties. */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("stop the coordinator before restarting it");
        }
        start();
    }

    public boolean isAlive() {
        return jvm.isAlive();
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

    /** Where Prometheus metrics are served (loopback). */
    public URI metricsUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/metrics");
    }

    /** {@code http://127.0.0.1:<port>}: the REST API is under {@code /api/v1}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The Keycloak whose {@code meshlift} realm the coordinator trusts: tokens for its REST API. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Path dataDir() {
        return dataDir;
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
